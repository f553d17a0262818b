package dev.copilotgateway.console;

import dev.copilotgateway.security.ConsoleSessionService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Every console response: security headers (a CSP with no inline script or style, no framing, no referrer, no MIME
 * sniffing, no caching); every state-changing request of a signed-in page: the session's CSRF token in the form field
 * {@code csrf}, or 403 and nothing changes. Sign-in and setup come before any session, and carry no token; what keeps
 * another site from posting them (login CSRF: signing the victim in as the attacker) is the browser's
 * {@code Sec-Fetch-Site}, which no page can forge: a POST another site's page made is refused, whatever its path.
 */
public final class ConsoleGuard extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if ("POST".equals(request.getMethod()) && fromAnotherSite(request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        if ("POST".equals(request.getMethod()) && !path.equals(ConsolePaths.SIGN_IN) && !path.equals(ConsolePaths.SETUP)) {
            ConsoleSessionService.SignedIn signedIn = request.getAttribute(ConsoleAuthenticationMechanism.SIGNED_IN)
                    instanceof ConsoleSessionService.SignedIn session ? session : null;
            if (signedIn == null || !signedIn.acceptsCsrf(request.getParameter("csrf"))) {
                response.sendError(HttpServletResponse.SC_FORBIDDEN);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** Browsers say where a request comes from; {@code same-site} is a sibling host, which may be anyone's. */
    private static boolean fromAnotherSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        return "cross-site".equals(site) || "same-site".equals(site);
    }
}
