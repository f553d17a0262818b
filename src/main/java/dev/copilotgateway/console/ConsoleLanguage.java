package dev.copilotgateway.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * The console's language: by default whatever the browser's {@code Accept-Language} prefers among the bundles; a choice
 * made with the switcher ({@code ?lang=zh} on any page) is remembered in a cookie and wins from then on. The pages read
 * the choice from the request attribute {@value #ATTRIBUTE} (see {@code _head.jspf}).
 */
public final class ConsoleLanguage extends HttpFilter {

    private static final long serialVersionUID = 1L;
    /** The languages the console has bundles for ({@code console/messages*.properties}). */
    static final Set<String> LANGUAGES = Set.of("en", "zh");
    static final String COOKIE = "copilot_gateway_lang";
    static final String PARAMETER = "lang";
    static final String ATTRIBUTE = "consoleLanguage";
    private static final int ONE_YEAR_SECONDS = 365 * 24 * 3600;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        String chosen = request.getParameter(PARAMETER);
        if (chosen != null && LANGUAGES.contains(chosen)) {
            remember(request, response, chosen);
            request.setAttribute(ATTRIBUTE, chosen);
        } else {
            String remembered = remembered(request);
            if (remembered != null) {
                request.setAttribute(ATTRIBUTE, remembered);
            }
        }
        chain.doFilter(request, response);
    }

    private static String remembered(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName()) && LANGUAGES.contains(cookie.getValue())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    private static void remember(HttpServletRequest request, HttpServletResponse response, String language) {
        Cookie cookie = new Cookie(COOKIE, language);
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setPath(request.getContextPath() + ConsolePaths.ROOT);
        cookie.setMaxAge(ONE_YEAR_SECONDS);
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
    }
}
