package dev.copilotgateway.routing;

/** The API a client speaks to the gateway; it decides the upstream endpoints worth trying and the error shape. */
public enum Ingress {
    OPENAI_CHAT,
    OPENAI_RESPONSES,
    ANTHROPIC_MESSAGES,
    GEMINI
}
