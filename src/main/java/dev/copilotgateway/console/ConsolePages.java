package dev.copilotgateway.console;

import dev.copilotgateway.persistence.ConsoleUser;
import dev.copilotgateway.security.ConsoleSessionService;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** What every console controller does the same way: render a JSP, redirect after a POST, know who is signed in. */
final class ConsolePages {

    private static final String PAGES = "/WEB-INF/jsp/console/";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private ConsolePages() {
    }

    static void render(HttpServletRequest request, HttpServletResponse response, String page) throws ServletException, IOException {
        request.getRequestDispatcher(PAGES + page + ".jsp").forward(request, response);
    }

    /** 303: after a POST, the browser GETs the next page. */
    static void redirect(HttpServletRequest request, HttpServletResponse response, String path) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + path);
    }

    /** The signed-in session of the request, or null (set by {@link ConsoleAuthenticationMechanism}). */
    static ConsoleSessionService.SignedIn signedIn(HttpServletRequest request) {
        return request.getAttribute(ConsoleAuthenticationMechanism.SIGNED_IN) instanceof ConsoleSessionService.SignedIn signedIn ? signedIn : null;
    }

    static boolean isAdmin(HttpServletRequest request) {
        ConsoleSessionService.SignedIn signedIn = signedIn(request);
        return signedIn != null && signedIn.role() == ConsoleUser.Role.ADMIN;
    }

    /** The request's path inside the web application. */
    static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** A time as the pages print it ({@code 2026-12-05 14:33:45 UTC}); null for none. */
    static String time(Instant instant) {
        return instant == null ? null : TIME.format(instant);
    }
}
