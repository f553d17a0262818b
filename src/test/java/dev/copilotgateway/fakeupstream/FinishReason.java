package dev.copilotgateway.fakeupstream;

/** Why a reply ended; each dialect maps it to its own vocabulary (finish_reason, stop_reason, response status). */
public enum FinishReason {
    STOP,
    LENGTH,
    TOOL_CALLS,
    CONTENT_FILTER
}
