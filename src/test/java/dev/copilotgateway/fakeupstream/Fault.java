package dev.copilotgateway.fakeupstream;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A scripted misbehaviour of the upstream. By default it hits the next request to any path once;
 * narrow it with {@link #onPath(String)} and repeat it with {@link #times(int)}.
 * Stream faults ({@link #dropStreamAfter}, {@link #endStreamEarlyAfter}) only match requests with {@code "stream": true}.
 */
public final class Fault {

    enum Kind {
        /** Answer with a fixed status, headers and body instead of the real reply. */
        RESPOND,
        /** Read the request and never answer until the server closes. */
        HANG,
        /** Wait before sending anything (headers included), then answer normally. */
        SLOW_FIRST_BYTE,
        /** After n events, close the TCP connection abruptly (the client sees a broken chunked body). */
        DROP_STREAM,
        /** After n events, end the HTTP response cleanly but without the stream's terminator. */
        END_STREAM_EARLY
    }

    private final Kind kind;
    private final int status;
    private final String contentType;
    private final String body;
    private final Map<String, String> headers;
    private final Duration delay;
    private final int afterEvents;
    private final String path;
    private final int times;
    private final String account;

    private Fault(Kind kind, int status, String contentType, String body, Map<String, String> headers,
                  Duration delay, int afterEvents, String path, int times) {
        this(kind, status, contentType, body, headers, delay, afterEvents, path, times, null);
    }

    private Fault(Kind kind, int status, String contentType, String body, Map<String, String> headers,
                  Duration delay, int afterEvents, String path, int times, String account) {
        this.kind = kind;
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.headers = Map.copyOf(headers);
        this.delay = delay;
        this.afterEvents = afterEvents;
        this.path = path;
        this.times = times;
        this.account = account;
    }

    private static Fault of(Kind kind) {
        return new Fault(kind, 0, null, null, Map.of(), Duration.ZERO, 0, null, 1);
    }

    /** Any status with a JSON body. */
    public static Fault status(int status, String jsonBody) {
        return new Fault(Kind.RESPOND, status, "application/json", jsonBody, Map.of(), Duration.ZERO, 0, null, 1);
    }

    /** Any status with a plain-text body. */
    public static Fault statusText(int status, String textBody) {
        return new Fault(Kind.RESPOND, status, "text/plain; charset=utf-8", textBody, Map.of(), Duration.ZERO, 0, null, 1);
    }

    /** 429 with {@code retry-after} (seconds) and Copilot's rate-limit error body. */
    public static Fault rateLimited(int retryAfterSeconds) {
        return status(429, ErrorBodies.openAi("Sorry, you've exceeded your rate limit.", "rate_limited", "rate_limit_error"))
                .withHeader("retry-after", Integer.toString(retryAfterSeconds));
    }

    public static Fault serverError() {
        return status(500, ErrorBodies.openAi("Internal Server Error", "internal_error", "server_error"));
    }

    /** 401 as CAPI sends it for a dead Copilot token. */
    public static Fault unauthorized() {
        return statusText(401, ErrorBodies.TOKEN_EXPIRED);
    }

    /** 402: premium quota exhausted and overage not permitted. */
    public static Fault quotaExceeded() {
        return status(402, ErrorBodies.openAi("You have exceeded your premium request allowance. Upgrade your plan or enable overage.",
                "quota_exceeded", "insufficient_quota"));
    }

    /** 403: Copilot or the model disabled by policy. */
    public static Fault forbidden() {
        return status(403, ErrorBodies.openAi("Access to this model is disabled by your organization's Copilot policy.",
                "forbidden", "invalid_request_error"));
    }

    public static Fault hang() {
        return of(Kind.HANG);
    }

    public static Fault slowFirstByte(Duration delay) {
        return new Fault(Kind.SLOW_FIRST_BYTE, 0, null, null, Map.of(), delay, 0, null, 1);
    }

    /** Abrupt connection close after {@code events} SSE events; never sends the terminator. */
    public static Fault dropStreamAfter(int events) {
        return new Fault(Kind.DROP_STREAM, 0, null, null, Map.of(), Duration.ZERO, events, null, 1);
    }

    /** Clean end of the HTTP body after {@code events} SSE events, without the terminator. */
    public static Fault endStreamEarlyAfter(int events) {
        return new Fault(Kind.END_STREAM_EARLY, 0, null, null, Map.of(), Duration.ZERO, events, null, 1);
    }

    /** Only requests to exactly this path (e.g. {@code /chat/completions}). */
    public Fault onPath(String onlyPath) {
        return new Fault(kind, status, contentType, body, headers, delay, afterEvents, onlyPath, times, account);
    }

    /** Hit this many matching requests instead of one. */
    public Fault times(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("times must be positive");
        }
        return new Fault(kind, status, contentType, body, headers, delay, afterEvents, path, count, account);
    }

    /** Only Copilot API requests made with a Copilot token issued to this GitHub login (one pooled account). */
    public Fault forAccount(String login) {
        return new Fault(kind, status, contentType, body, headers, delay, afterEvents, path, times, login);
    }

    public Fault withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Fault(kind, status, contentType, body, more, delay, afterEvents, path, times, account);
    }

    Kind kind() {
        return kind;
    }

    int status() {
        return status;
    }

    String contentType() {
        return contentType;
    }

    String body() {
        return body;
    }

    Map<String, String> headers() {
        return headers;
    }

    Duration delay() {
        return delay;
    }

    int afterEvents() {
        return afterEvents;
    }

    String path() {
        return path;
    }

    int times() {
        return times;
    }

    boolean isStreamFault() {
        return kind == Kind.DROP_STREAM || kind == Kind.END_STREAM_EARLY;
    }

    boolean matches(String requestPath, boolean streaming, String requestAccount) {
        return (path == null || path.equals(requestPath)) && (streaming || !isStreamFault())
                && (account == null || account.equals(requestAccount));
    }

    @Override
    public String toString() {
        return "Fault[" + kind + (status > 0 ? " " + status : "") + (path == null ? "" : " on " + path)
                + (account == null ? "" : " for " + account) + " x" + times + "]";
    }
}
