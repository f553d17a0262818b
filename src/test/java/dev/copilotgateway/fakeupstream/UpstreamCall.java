package dev.copilotgateway.fakeupstream;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonObject;

/**
 * One incoming request on its way through the router.
 *
 * @param json        the body as a JSON object, or null when it is not one
 * @param streamFault a mid-stream fault to apply to the SSE reply, or null
 */
record UpstreamCall(HttpExchange exchange, RecordedRequest request, JsonObject json, Fault streamFault) {

    String header(String name) {
        return request.header(name);
    }

    boolean isStream() {
        return json != null && json.getBoolean("stream", false);
    }
}
