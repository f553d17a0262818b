package dev.copilotgateway.console;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The Client setup page: ready-to-copy settings for Claude Code, Codex CLI and the OpenAI, Anthropic and Gemini SDKs,
 * filled with this gateway's address as the browser reached it. The key stays a placeholder: keys are shown once, when
 * created, and never again.
 */
final class SetupController implements PageController {

    static final String PATH = "/console/setup-clients";

    @Override
    public boolean handles(String path) {
        return path.equals(PATH);
    }

    @Override
    public void get(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        request.setAttribute("gatewayUrl", baseUrl(request));
        ConsolePages.render(request, response, "setup-clients");
    }

    @Override
    public void post(HttpServletRequest request, HttpServletResponse response, String path) {
        response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
    }

    /** {@code scheme://host[:port]/context} as the browser reached the console. */
    private static String baseUrl(HttpServletRequest request) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = "http".equals(scheme) && port == 80 || "https".equals(scheme) && port == 443;
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port) + request.getContextPath();
    }
}
