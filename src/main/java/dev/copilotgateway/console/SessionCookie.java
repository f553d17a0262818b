package dev.copilotgateway.console;

import dev.copilotgateway.security.ConsoleSessionService;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The console session's cookie: the session token, {@code HttpOnly} (no script reads it), {@code SameSite=Strict} (no
 * other site's page sends it), {@code Secure} when the console is reached over HTTPS. Scoped to the whole application,
 * not just {@code /console}: the admin API accepts it too (with the session's CSRF token in a header).
 */
final class SessionCookie {

    static final String NAME = ConsoleSessionService.COOKIE;

    private SessionCookie() {
    }

    /** The token the request carries, or null. */
    static String token(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (NAME.equals(cookie.getName())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    static void set(HttpServletRequest request, HttpServletResponse response, String token) {
        response.addCookie(cookie(request, token, -1));
    }

    static void clear(HttpServletRequest request, HttpServletResponse response) {
        response.addCookie(cookie(request, "", 0));
    }

    private static Cookie cookie(HttpServletRequest request, String value, int maxAge) {
        Cookie cookie = new Cookie(NAME, value);
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setPath(request.getContextPath() + "/");
        cookie.setMaxAge(maxAge); // -1: a browser-session cookie; the server ends the session on its own terms
        cookie.setAttribute("SameSite", "Strict");
        return cookie;
    }
}
