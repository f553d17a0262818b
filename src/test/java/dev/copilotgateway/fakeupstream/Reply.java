package dev.copilotgateway.fakeupstream;

import java.util.List;

/**
 * What the fake model answers to one generation request, independent of the wire dialect.
 *
 * @param text               visible answer; null for none (e.g. a pure tool-call turn)
 * @param reasoning          thinking text (Claude thinking, reasoning_text, Responses reasoning summary); null for none
 * @param reasoningSignature thinking signature / reasoning_opaque / encrypted_content; null for none
 * @param finishReason       null to derive it: TOOL_CALLS when there are tool calls, else STOP
 * @param usage              null to estimate it from the request and reply sizes
 * @param matchedStop        the request's stop sequence the text was cut at (an Anthropic {@code stop_sequence}); null for none
 */
public record Reply(String text, String reasoning, String reasoningSignature, List<ToolCall> toolCalls,
                    FinishReason finishReason, Usage usage, String matchedStop) {

    public Reply(String text, String reasoning, String reasoningSignature, List<ToolCall> toolCalls, FinishReason finishReason, Usage usage) {
        this(text, reasoning, reasoningSignature, toolCalls, finishReason, usage, null);
    }

    public Reply {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public static Reply text(String text) {
        return new Reply(text, null, null, List.of(), null, null);
    }

    public static Reply toolCalls(ToolCall... calls) {
        return new Reply(null, null, null, List.of(calls), null, null);
    }

    public Reply withReasoning(String thinking, String signature) {
        return new Reply(text, thinking, signature, toolCalls, finishReason, usage);
    }

    public Reply withToolCalls(ToolCall... calls) {
        return new Reply(text, reasoning, reasoningSignature, List.of(calls), finishReason, usage);
    }

    public Reply withFinishReason(FinishReason reason) {
        return new Reply(text, reasoning, reasoningSignature, toolCalls, reason, usage);
    }

    public Reply withUsage(Usage newUsage) {
        return new Reply(text, reasoning, reasoningSignature, toolCalls, finishReason, newUsage);
    }

    /**
     * The reply as a model honouring {@code stopSequences} gives it: the text cut before the earliest match, which
     * ends the turn (no tool calls after it). Unchanged when nothing matches.
     */
    Reply stoppedAtFirstOf(List<String> stopSequences) {
        if (text == null) {
            return this;
        }
        int cut = -1;
        String matched = null;
        for (String sequence : stopSequences) {
            int at = sequence.isEmpty() ? -1 : text.indexOf(sequence);
            if (at >= 0 && (cut < 0 || at < cut)) {
                cut = at;
                matched = sequence;
            }
        }
        return matched == null ? this : new Reply(text.substring(0, cut), reasoning, reasoningSignature, List.of(), FinishReason.STOP, usage, matched);
    }

    FinishReason effectiveFinishReason() {
        if (finishReason != null) {
            return finishReason;
        }
        return toolCalls.isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS;
    }

    /** A text block/item is emitted for non-empty text, and for empty text when nothing else would be sent. */
    boolean hasTextPart() {
        return text != null && (!text.isEmpty() || toolCalls.isEmpty());
    }

    boolean hasReasoning() {
        return reasoning != null || reasoningSignature != null;
    }
}
