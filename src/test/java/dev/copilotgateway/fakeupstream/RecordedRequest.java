package dev.copilotgateway.fakeupstream;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request as the fake received it.
 *
 * @param sequence   1-based arrival number over the server's lifetime (not reset by {@link RequestRecorder#clear()})
 * @param query      raw query string, or null when there is none
 * @param headers    header names in lower case
 * @param receivedAt when the request body had been read
 * @param protocol   {@code HTTP/1.1}, or {@code HTTP/2.0} on the {@link FakeCopilotUpstream#withHttp2() HTTP/2} listener
 */
public record RecordedRequest(long sequence, String method, String path, String query,
                              Map<String, List<String>> headers, String body, Instant receivedAt, String protocol) {

    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    /** First value of a header (any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The body parsed as a JSON object (throws if it is not one). */
    public JsonObject json() {
        return Jsons.parseObject(body);
    }
}
