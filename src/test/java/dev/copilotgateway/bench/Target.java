package dev.copilotgateway.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;

/**
 * Where stream requests go: the fake upstream's {@code /chat/completions} (with a Copilot token and Copilot's
 * headers) or the gateway's {@code /v1/chat/completions} (with a client API key). Headers are {@code "name: value"}.
 */
record Target(String name, URI chatUrl, List<String> headers) {

    /** The body every benchmark request sends; {@code bench/chat.lua} sends the same. */
    static final String STREAM_BODY =
            "{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"benchmark\"}],\"stream\":true}";

    /** The target described by {@code --<prefix>url} and the repeated {@code --<prefix>header}. */
    static Target from(Options options, String prefix, String name) {
        return new Target(name, URI.create(options.required(prefix + "url")), options.all(prefix + "header"));
    }

    HttpRequest streamRequest(Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(chatUrl)
                .timeout(timeout)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(STREAM_BODY));
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("a header is 'name: value', not: " + header);
            }
            request.header(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
        }
        return request.build();
    }
}
