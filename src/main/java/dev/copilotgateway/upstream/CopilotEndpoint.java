package dev.copilotgateway.upstream;

/** The Copilot API endpoints the gateway calls (UPSTREAM.md §7–§11); the path is relative to the account's base URL. */
public enum CopilotEndpoint {
    MODELS("/models"),
    CHAT_COMPLETIONS("/chat/completions"),
    MESSAGES("/v1/messages"),
    RESPONSES("/responses"),
    EMBEDDINGS("/embeddings");

    private final String path;

    CopilotEndpoint(String path) {
        this.path = path;
    }

    /** The path as it appears in a model's {@code supported_endpoints}. */
    public String path() {
        return path;
    }
}
