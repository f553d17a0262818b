package dev.copilotgateway.fakeupstream;

/** Error bodies in the shapes of UPSTREAM §13 (CAPI, OpenAI-style) and of the GitHub REST API. */
final class ErrorBodies {

    /** CAPI's plain-text answer to an expired or unknown Copilot token. */
    static final String TOKEN_EXPIRED = "unauthorized: token expired";

    private ErrorBodies() {
    }

    static String openAi(String message, String code, String type) {
        return openAi(message, code, null, type);
    }

    static String openAi(String message, String code, String param, String type) {
        return Jsons.object().add("error", Jsons.object()
                .add("message", message)
                .add("code", code)
                .add("param", Jsons.stringOrNull(param))
                .add("type", Jsons.stringOrNull(type))).build().toString();
    }

    static String gitHub(int status, String message) {
        return Jsons.object()
                .add("message", message)
                .add("documentation_url", "https://docs.github.com/rest")
                .add("status", Integer.toString(status))
                .build().toString();
    }

    static String gitHubDefault(int status) {
        return switch (status) {
            case 401 -> gitHub(401, "Bad credentials");
            case 403 -> gitHub(403, "Resource not accessible by integration");
            case 404 -> gitHub(404, "Not Found");
            default -> gitHub(status, status >= 500 ? "Server Error" : "Request failed");
        };
    }
}
