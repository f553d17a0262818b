package dev.copilotgateway.protocol.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SseFrameBufferTest {

    private static List<ByteBuffer> chunk(String text) {
        return List.of(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void wholeFramesPassAtOnceAndPartialOnesWait() {
        SseFrameBuffer buffer = new SseFrameBuffer();
        assertEquals("data: {\"a\":1}\n\n", text(buffer.append(chunk("data: {\"a\":1}\n\ndata: {\"b\""))));
        assertTrue(buffer.hasPartialFrame());
        assertEquals("", text(buffer.append(chunk(":2}\n"))));
        assertEquals("data: {\"b\":2}\n\n", text(buffer.append(chunk("\n"))));
        assertFalse(buffer.hasPartialFrame());
    }

    @Test
    void crlfFramesAreRecognised() {
        SseFrameBuffer buffer = new SseFrameBuffer();
        assertEquals("event: ping\r\ndata: {}\r\n\r\n", text(buffer.append(chunk("event: ping\r\ndata: {}\r\n\r\nevent: x"))));
    }

    @Test
    void anySplitOfAStreamForwardsExactlyItsBytes() {
        String stream = "data: {\"choices\":[{\"delta\":{\"content\":\"héllo\"}}]}\n\n".repeat(20) + "data: [DONE]\n\n";
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        Random random = new Random(42);
        for (int run = 0; run < 200; run++) {
            SseFrameBuffer buffer = new SseFrameBuffer();
            StringBuilder forwarded = new StringBuilder();
            List<byte[]> pieces = new ArrayList<>();
            int at = 0;
            while (at < bytes.length) {
                int size = Math.min(bytes.length - at, 1 + random.nextInt(40));
                byte[] piece = new byte[size];
                System.arraycopy(bytes, at, piece, 0, size);
                pieces.add(piece);
                at += size;
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (byte[] piece : pieces) {
                byte[] frames = buffer.append(List.of(ByteBuffer.wrap(piece)));
                if (frames.length > 0) {
                    assertTrue(text(frames).endsWith("\n\n"), "only whole frames are forwarded");
                }
                out.writeBytes(frames);
            }
            forwarded.append(text(out.toByteArray()));
            assertEquals(stream, forwarded.toString());
            assertTrue(SseFrameBuffer.contains(out.toByteArray(), "data: [DONE]".getBytes(StandardCharsets.US_ASCII)));
        }
    }

    @Test
    void markerSearch() {
        byte[] frames = "data: {\"x\":\"[DONE\"}\n\n".getBytes(StandardCharsets.UTF_8);
        assertFalse(SseFrameBuffer.contains(frames, "data: [DONE]".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(SseFrameBuffer.contains("data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII), "data: [DONE]".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void anUnfinishedLastFrameIsClosedAtTheEnd() {
        SseFrameBuffer buffer = new SseFrameBuffer();
        assertEquals("data: {}\n\n", text(buffer.append(chunk("data: {}\n\ndata: [DONE]\n"))));
        assertEquals("data: [DONE]\n\n", text(buffer.finish()));
        assertEquals("", text(buffer.finish()));
        buffer.append(chunk("data: [DONE]"));
        assertEquals("data: [DONE]\n\n", text(buffer.finish()));
    }
}
