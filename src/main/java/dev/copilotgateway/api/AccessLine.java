package dev.copilotgateway.api;

import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;

/**
 * One line of the access log: a JSON object on one line (JSON lines), absent fields left out. It holds no secret and
 * no body by construction: a key is only ever its visible prefix, the path never has its query string (Gemini clients
 * may put the key there).
 *
 * @param keyPrefix the client API key's visible prefix (as the admin API lists it), or null
 * @param accountId the Copilot account that served the request, or null
 * @param ingress   the public API ({@code openai-chat} …), when the request got that far
 * @param model     the model the client asked for, when known
 * @param ttfbMs    from arrival to the first byte of the answer, when the request's outcome tells it
 */
record AccessLine(Instant time, String remote, String method, String path, int status, long latencyMs, Long ttfbMs,
                  boolean stream, String ingress, String model, String keyPrefix, Long accountId) {

    String json() {
        JsonObjectBuilder line = JsonIo.object()
                .add("time", time.toString())
                .add("remote", remote)
                .add("method", method)
                .add("path", path)
                .add("status", status)
                .add("latencyMs", latencyMs);
        if (ttfbMs != null) {
            line.add("ttfbMs", ttfbMs);
        }
        line.add("stream", stream);
        addIfPresent(line, "ingress", ingress);
        addIfPresent(line, "model", model);
        addIfPresent(line, "key", keyPrefix);
        if (accountId != null) {
            line.add("accountId", accountId);
        }
        return line.build().toString();
    }

    private static void addIfPresent(JsonObjectBuilder line, String name, String value) {
        if (value != null) {
            line.add(name, value);
        }
    }
}
