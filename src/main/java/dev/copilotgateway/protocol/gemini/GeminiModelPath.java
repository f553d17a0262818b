package dev.copilotgateway.protocol.gemini;

import java.util.Arrays;

/**
 * The {@code {model}:{method}} segment of {@code POST /v1beta/models/{model}:{method}} (TRANSLATION.md §11.1),
 * split on the last {@code :}; the path style {@code {model}/{method}} is accepted too (xuangong). The model is
 * returned as the client wrote it: normalisation (§2.1 rule 9) is the model resolver's job.
 */
public record GeminiModelPath(String model, Method method) {

    public enum Method {
        GENERATE_CONTENT("generateContent"),
        STREAM_GENERATE_CONTENT("streamGenerateContent"),
        COUNT_TOKENS("countTokens");

        private final String wireName;

        Method(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public boolean streaming() {
            return this == STREAM_GENERATE_CONTENT;
        }
    }

    /**
     * @param modelWithMethod the path after {@code models/}, e.g. {@code gemini-2.5-pro:streamGenerateContent}
     * @throws GeminiException 404 {@code NOT_FOUND} for a missing or unknown method, 400 for a missing model
     */
    public static GeminiModelPath parse(String modelWithMethod) {
        String path = modelWithMethod == null ? "" : modelWithMethod.strip();
        if (path.startsWith("models/")) {
            path = path.substring("models/".length());
        }
        int split = Math.max(path.lastIndexOf(':'), path.lastIndexOf('/'));
        if (split < 0) {
            throw GeminiException.notFound("Unknown method for models/" + path
                    + ": use :generateContent, :streamGenerateContent or :countTokens");
        }
        String methodName = path.substring(split + 1);
        Method method = Arrays.stream(Method.values())
                .filter(candidate -> candidate.wireName.equals(methodName))
                .findFirst()
                .orElseThrow(() -> GeminiException.notFound("Method '" + methodName
                        + "' is not supported: use generateContent, streamGenerateContent or countTokens"));
        String model = path.substring(0, split).strip();
        if (model.isEmpty()) {
            throw GeminiException.invalidArgument("The model name is missing: POST /v1beta/models/{model}:" + method.wireName);
        }
        return new GeminiModelPath(model, method);
    }

    /** Whether a stream is sent as SSE ({@code ?alt=sse}) rather than as an incrementally written JSON array. */
    public static boolean sse(String altQueryParameter) {
        return "sse".equalsIgnoreCase(altQueryParameter);
    }
}
