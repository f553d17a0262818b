package dev.copilotgateway.usage;

import java.time.Instant;

/**
 * What one public API request came to, told once when it has ended: the whole answer sent, the stream ended (completed,
 * failed or cut by the client), or the request refused. Usage records, metrics, limits and the access log all read it.
 *
 * @param time           when the request arrived
 * @param keyId          the client API key, or null (anonymous access, or refused before a key was known)
 * @param accountId      the Copilot account that served it, or null (none chosen)
 * @param ingress        the public API called: one of the {@code INGRESS_*} names
 * @param endpoint       the Copilot endpoint used ({@code /chat/completions}, {@code /v1/messages}, {@code /responses},
 *                       {@code /embeddings}), or null when none was reached
 * @param model          the model the client asked for, or null
 * @param upstreamModel  the model Copilot was asked for (after mappings and normalisation), or null
 * @param stream         whether the client asked for a stream
 * @param status         the HTTP status the client got (200 for a stream that started, whatever happened later)
 * @param tokens         what the answer reported (or the tokenizer counted)
 * @param premiumRequests the premium requests Copilot is estimated to have counted (model multiplier × initiator)
 * @param latencyMs      from arrival to the last byte sent
 * @param ttfbMs         from arrival to the first byte of the answer sent, or null when nothing was sent
 * @param errorType      a short error code when the request failed ({@code rate_limit}, {@code upstream_error}, …), else null
 */
public record RequestOutcome(Instant time, Long keyId, Long accountId, String ingress, String endpoint, String model,
                             String upstreamModel, boolean stream, int status, TokenCounts tokens, double premiumRequests,
                             long latencyMs, Long ttfbMs, String errorType) {

    public static final String INGRESS_CHAT = "openai-chat";
    public static final String INGRESS_RESPONSES = "openai-responses";
    public static final String INGRESS_EMBEDDINGS = "openai-embeddings";
    public static final String INGRESS_MESSAGES = "anthropic-messages";
    public static final String INGRESS_GEMINI = "gemini";
}
