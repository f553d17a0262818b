package dev.copilotgateway.api.stream;

import dev.copilotgateway.upstream.UpstreamStreamSubscriber;
import java.util.Map;

/** The client's side of a streamed request: takes the upstream's stream, or one whole answer when there is none. */
public interface ClientStream extends UpstreamStreamSubscriber.Sink {

    /** The whole response at once (status, content type, extra headers, body); ends the request. */
    void sendWhole(int status, String contentType, Map<String, String> headers, byte[] body);
}
