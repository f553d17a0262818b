package dev.copilotgateway.protocol.sse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Cuts a byte stream of server-sent events at frame boundaries (a blank line), so that only whole frames are
 * forwarded. The frames themselves are passed on byte for byte: this is not a parser.
 * Forwarding whole frames means an error event added after an upstream failure is never glued to half a frame.
 */
public final class SseFrameBuffer {

    private byte[] pending = new byte[0];

    /** Appends {@code chunk} and returns every whole frame completed so far (empty when none is). */
    public byte[] append(List<ByteBuffer> chunk) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream(pending.length + remaining(chunk));
        joined.write(pending, 0, pending.length);
        for (ByteBuffer buffer : chunk) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            joined.write(bytes, 0, bytes.length);
        }
        byte[] all = joined.toByteArray();
        int end = endOfLastFrame(all);
        byte[] frames = new byte[end];
        System.arraycopy(all, 0, frames, 0, end);
        pending = new byte[all.length - end];
        System.arraycopy(all, end, pending, 0, pending.length);
        return frames;
    }

    /**
     * At the end of the stream: the bytes of an unfinished last frame, closed with a blank line (an upstream that
     * ends on {@code data: [DONE]\n} has still ended normally), or nothing.
     */
    public byte[] finish() {
        if (pending.length == 0) {
            return pending;
        }
        boolean endsWithNewline = pending[pending.length - 1] == '\n';
        byte[] closing = endsWithNewline ? new byte[] {'\n'} : new byte[] {'\n', '\n'};
        byte[] last = new byte[pending.length + closing.length];
        System.arraycopy(pending, 0, last, 0, pending.length);
        System.arraycopy(closing, 0, last, pending.length, closing.length);
        pending = new byte[0];
        return last;
    }

    /** Whether bytes of an unfinished frame are held back. */
    public boolean hasPartialFrame() {
        return pending.length > 0;
    }

    private static int remaining(List<ByteBuffer> chunk) {
        int total = 0;
        for (ByteBuffer buffer : chunk) {
            total += buffer.remaining();
        }
        return total;
    }

    /** The index just past the last blank line ("\n\n" or "\r\n\r\n"), or 0. */
    static int endOfLastFrame(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 1; i--) {
            if (bytes[i] == '\n' && (bytes[i - 1] == '\n' || (i >= 3 && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r'))) {
                return i + 1;
            }
        }
        return 0;
    }

    /** Whether {@code frames} contains {@code marker} (e.g. {@code data: [DONE]}). */
    public static boolean contains(byte[] frames, byte[] marker) {
        outer:
        for (int i = 0; i <= frames.length - marker.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (frames[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
