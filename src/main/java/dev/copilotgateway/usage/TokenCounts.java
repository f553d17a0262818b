package dev.copilotgateway.usage;

/** The tokens of one request; zero where the answer told none. {@code cached} is part of {@code input}, {@code reasoning} of {@code output}. */
public record TokenCounts(long input, long output, long cached, long reasoning) {

    public static final TokenCounts NONE = new TokenCounts(0, 0, 0, 0);

    public long total() {
        return input + output;
    }
}
