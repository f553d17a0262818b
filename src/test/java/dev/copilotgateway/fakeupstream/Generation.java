package dev.copilotgateway.fakeupstream;

/**
 * One reply bound to one request: what every dialect needs to render it.
 *
 * @param idSuffix unique per request; dialects prefix it (chatcmpl-, msg_, resp_ …)
 * @param created  Unix seconds
 */
record Generation(String idSuffix, String model, long created, Reply reply, Usage usage) {

    static Generation of(RecordedRequest request, String model, Reply reply) {
        Usage usage = reply.usage() != null ? reply.usage() : estimateUsage(request, reply);
        return new Generation("fake" + request.sequence(), model, request.receivedAt().getEpochSecond(), reply, usage);
    }

    /** The scripted id of tool call {@code index}, or a generated one with the dialect's prefix. */
    String toolCallId(int index, String prefix) {
        String scripted = reply.toolCalls().get(index).id();
        return scripted != null ? scripted : prefix + idSuffix + "_" + index;
    }

    /** Roughly four characters per token, as tokenizers average on English text. */
    private static Usage estimateUsage(RecordedRequest request, Reply reply) {
        int outputChars = length(reply.text()) + length(reply.reasoning());
        for (ToolCall call : reply.toolCalls()) {
            outputChars += call.name().length() + call.arguments().length();
        }
        int reasoningTokens = reply.reasoning() == null ? 0 : tokens(reply.reasoning().length());
        return new Usage(tokens(request.body().length()), tokens(outputChars), 0, reasoningTokens);
    }

    private static int tokens(int chars) {
        return Math.max(1, chars / 4);
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }
}
