package dev.copilotgateway.upstream;

import java.net.http.HttpRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The headers of one Copilot API request, in order, names in lower case. Apply them to a JDK request with
 * {@link #applyTo}. Headers the JDK client sets itself (connection, content-length, expect, host, upgrade) are
 * refused, so a request never fails at build time. {@link #toString()} hides the token.
 */
public final class UpstreamHeaders {

    /** The JDK HttpClient throws IllegalArgumentException for these (jdk.httpclient.allowRestrictedHeaders aside). */
    static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final Map<String, String> headers;

    UpstreamHeaders(Map<String, String> headers) {
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /**
     * These headers plus (or with a new value for) {@code name}, e.g. {@code anthropic-beta}.
     *
     * @throws IllegalArgumentException for a header the JDK client owns, or a value that would break the request
     */
    public UpstreamHeaders with(String name, String value) {
        String lowerCase = name.toLowerCase(Locale.ROOT);
        if (RESTRICTED.contains(lowerCase)) {
            throw new IllegalArgumentException("the HTTP client sets " + lowerCase + " itself");
        }
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a header value must be one line: " + lowerCase);
        }
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(lowerCase, value);
        return new UpstreamHeaders(more);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Name to value, in the order they are sent. */
    public Map<String, String> asMap() {
        return headers;
    }

    /** Sets every header on {@code request} (replacing a value set before). */
    public HttpRequest.Builder applyTo(HttpRequest.Builder request) {
        headers.forEach(request::setHeader);
        return request;
    }

    @Override
    public String toString() {
        StringBuilder shown = new StringBuilder("UpstreamHeaders[");
        headers.forEach((name, value) -> shown.append(name).append('=').append(name.equals("authorization") ? "****" : value).append(", "));
        if (!headers.isEmpty()) {
            shown.setLength(shown.length() - 2);
        }
        return shown.append(']').toString();
    }
}
