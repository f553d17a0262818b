package dev.copilotgateway.api;

import dev.copilotgateway.metrics.GatewayMeters;
import dev.copilotgateway.pool.AccountPool;
import dev.copilotgateway.pool.OverloadedException;
import dev.copilotgateway.protocol.ErrorResponse;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Sheds load first thing: while this node serves its limit of upstream requests ({@code max-concurrent-requests}), a
 * POST to an endpoint that would go upstream is refused here, before Jersey, the key check and the body are paid for,
 * with the answer the pool would have given after all that work (503, {@code Retry-After}, the API's own error shape),
 * and the connection is closed after it.
 * Under a flood that is what keeps refusals cheap; whoever is refused learns no more than {@code /readyz} tells anyone.
 */
public final class OverloadShedding extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Pattern OPENAI = Pattern.compile("/(v1/)?(chat/completions|responses|embeddings)");
    private static final Pattern ANTHROPIC = Pattern.compile("/(v1/)?messages");
    private static final Pattern GEMINI = Pattern.compile("/(v1beta|v1alpha|v1)/models/[^/]+:(generateContent|streamGenerateContent)");

    private final transient AccountPool pool;
    private final transient GatewayMeters meters;

    public OverloadShedding(AccountPool pool, GatewayMeters meters) {
        this.pool = pool;
        this.meters = meters;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        Optional<OverloadedException> refusal = "POST".equals(request.getMethod()) ? pool.nodeLimitRefusal() : Optional.empty();
        Optional<ApiDialect> dialect = refusal.isPresent()
                ? dialectOf(request.getRequestURI().substring(request.getContextPath().length())) : Optional.empty();
        if (dialect.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        meters.limitRefused(refusal.get().limit());
        ErrorResponse error = dialect.get().failure(refusal.get());
        response.setStatus(error.status());
        error.headers().forEach(response::setHeader);
        // A refused client's idle keep-alive connection would count against Tomcat's maxConnections until it timed out,
        // and a flood's new connections would wait behind it in the backlog: free it now.
        response.setHeader("Connection", "close");
        response.setContentType("application/json");
        response.setContentLength(error.body().length);
        response.getOutputStream().write(error.body());
    }

    /** The API of a path whose requests go upstream (and so count against the limit); empty for every other path. */
    static Optional<ApiDialect> dialectOf(String path) {
        if (OPENAI.matcher(path).matches()) {
            return Optional.of(ApiDialect.OPENAI_CHAT);
        }
        if (ANTHROPIC.matcher(path).matches()) {
            return Optional.of(ApiDialect.ANTHROPIC);
        }
        if (GEMINI.matcher(path).matches()) {
            return Optional.of(ApiDialect.GEMINI_SSE);
        }
        return Optional.empty();
    }
}
