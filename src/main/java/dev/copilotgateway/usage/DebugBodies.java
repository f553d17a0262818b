package dev.copilotgateway.usage;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The bodies of a request kept with its usage record, only with the {@code usage-debug-bodies} setting (for debugging):
 * the body as sent to Copilot and its whole answer (none for a stream). They reach the recorder beside the outcome
 * they belong to, on the thread that tells it ({@link #during}), so the {@link RequestOutcome} keeps its shape.
 * Before storing, {@link #redacted} removes what looks like a secret and cuts the text.
 */
public record DebugBodies(byte[] request, byte[] response) {

    /** The most characters of each body stored. */
    public static final int MAX_CHARS = 8000;

    private static final ThreadLocal<DebugBodies> TOLD = new ThreadLocal<>();

    /** JSON members whose name says they hold a secret: their string value is replaced. */
    private static final Pattern SECRET_MEMBER = Pattern.compile(
            "(\"[^\"]*(?i:key|token|secret|password|authorization|credential)[^\"]*\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");
    /** Token shapes seen in the wild (GitHub, OpenAI, Anthropic, this gateway, bearer values), wherever they appear. */
    private static final Pattern SECRET_VALUE = Pattern.compile(
            "(?:gh[opsur]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|sk-[A-Za-z0-9_-]{16,}|cgw_[A-Za-z0-9_-]{16,}|(?i:bearer)\\s+[A-Za-z0-9._~+/=-]{16,})");

    /** Runs {@code tell} with {@code bodies} as the current thread's bodies. */
    static void during(DebugBodies bodies, Runnable tell) {
        TOLD.set(bodies);
        try {
            tell.run();
        } finally {
            TOLD.remove();
        }
    }

    /** The bodies of the outcome being told on this thread, or null (the setting is off, or none were kept). */
    public static DebugBodies current() {
        return TOLD.get();
    }

    /** {@code body} as text with secrets replaced by {@code [redacted]}, cut to {@link #MAX_CHARS}; null for null. */
    public static String redacted(byte[] body) {
        if (body == null) {
            return null;
        }
        String text = new String(body, 0, Math.min(body.length, MAX_CHARS * 4), StandardCharsets.UTF_8);
        text = SECRET_MEMBER.matcher(text).replaceAll("$1\"[redacted]\"");
        text = SECRET_VALUE.matcher(text).replaceAll("[redacted]");
        return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS);
    }
}
