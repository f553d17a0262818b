package dev.copilotgateway.api.stream;

import dev.copilotgateway.protocol.StreamProtocol;
import dev.copilotgateway.protocol.sse.SseFrameBuffer;

/**
 * Same protocol up and down: the upstream's frames go to the client byte for byte (not re-encoded). The relay only
 * watches for the protocol's end marker (or an error the upstream reported in the stream), so that a stream cut
 * short gets an error event instead of a silent end.
 */
public final class PassThroughRelay implements StreamRelay {

    private static final byte[] NOTHING = new byte[0];

    private final StreamProtocol protocol;
    private boolean terminatorSeen;
    private boolean finished;
    private boolean endedEarly;

    public PassThroughRelay(StreamProtocol protocol) {
        this.protocol = protocol;
    }

    private boolean ends(byte[] frames) {
        for (byte[] marker : protocol.endMarkers()) {
            if (SseFrameBuffer.contains(frames, marker)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public byte[] frames(byte[] upstreamFrames) {
        terminatorSeen |= ends(upstreamFrames);
        return upstreamFrames;
    }

    @Override
    public byte[] end(byte[] lastFrame) {
        terminatorSeen |= ends(lastFrame);
        if (finished) {
            return NOTHING;
        }
        finished = true;
        if (terminatorSeen) {
            return lastFrame;
        }
        endedEarly = true;
        byte[] error = protocol.errorFrame("api_error", "The Copilot API ended the stream before it was complete");
        byte[] both = new byte[lastFrame.length + error.length];
        System.arraycopy(lastFrame, 0, both, 0, lastFrame.length);
        System.arraycopy(error, 0, both, lastFrame.length, error.length);
        return both;
    }

    @Override
    public byte[] failure(String type, String message) {
        if (finished) {
            return NOTHING;
        }
        finished = true;
        return protocol.errorFrame(type, message);
    }

    @Override
    public boolean endedEarly() {
        return endedEarly;
    }

    @Override
    public boolean finished() {
        return finished;
    }
}
