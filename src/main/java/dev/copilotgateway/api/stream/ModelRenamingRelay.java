package dev.copilotgateway.api.stream;

import dev.copilotgateway.protocol.sse.SseEvent;
import dev.copilotgateway.protocol.sse.SseEventParser;
import dev.copilotgateway.translate.ReportedModel;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Around another relay, for a request a model mapping sent to another model: the events that name a model name the
 * one the client asked for ({@link ReportedModel}). Only frames that mention {@code "model"} are parsed and written
 * anew; every other frame passes byte for byte. Used only when a mapping applied, so streams without one keep their
 * plain relay (pass-through streams stay unparsed).
 */
public final class ModelRenamingRelay implements StreamRelay {

    private final StreamRelay relay;
    private final String model;

    public ModelRenamingRelay(StreamRelay relay, String model) {
        this.relay = relay;
        this.model = model;
    }

    @Override
    public byte[] frames(byte[] upstreamFrames) {
        return rename(relay.frames(upstreamFrames));
    }

    @Override
    public byte[] end(byte[] lastFrame) {
        return rename(relay.end(lastFrame));
    }

    @Override
    public byte[] failure(String type, String message) {
        return relay.failure(type, message);
    }

    @Override
    public boolean endedEarly() {
        return relay.endedEarly();
    }

    @Override
    public boolean finished() {
        return relay.finished();
    }

    @Override
    public String contentType() {
        return relay.contentType();
    }

    /** {@code frames} (whole SSE frames) with the frames that name a model rewritten. */
    private byte[] rename(byte[] frames) {
        if (!ReportedModel.mentionsModel(frames)) {
            return frames;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(frames.length + 64);
        int start = 0;
        while (start < frames.length) {
            int end = endOfFrame(frames, start);
            out.writeBytes(renameFrame(frames, start, end));
            start = end;
        }
        return out.toByteArray();
    }

    private byte[] renameFrame(byte[] frames, int start, int end) {
        byte[] frame = new byte[end - start];
        System.arraycopy(frames, start, frame, 0, frame.length);
        if (!ReportedModel.mentionsModel(frame)) {
            return frame;
        }
        List<SseEvent> events = SseEventParser.parse(frame);
        if (events.size() != 1) {
            return frame;
        }
        SseEvent renamed = ReportedModel.inEvent(events.get(0), model);
        return renamed == events.get(0) ? frame : renamed.toBytes();
    }

    /** The index just past the blank line ({@code \n\n} or {@code \r\n\r\n}) that ends the frame starting at {@code start}. */
    static int endOfFrame(byte[] bytes, int start) {
        for (int i = start + 1; i < bytes.length; i++) {
            if (bytes[i] == '\n' && (bytes[i - 1] == '\n' || i >= 3 && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r')) {
                return i + 1;
            }
        }
        return bytes.length;
    }
}
