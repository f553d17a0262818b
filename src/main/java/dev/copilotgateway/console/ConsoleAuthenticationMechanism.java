package dev.copilotgateway.console;

import dev.copilotgateway.security.ConsoleSessionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The console's Jakarta Security mechanism: a request carrying a valid session cookie is its user, with their role
 * ({@code admin} or {@code viewer}) for the container's security constraints (web.xml); a protected page without one
 * is sent to the sign-in page. The session itself is kept for the page as the request attribute {@link #SIGNED_IN}.
 */
@ApplicationScoped
public class ConsoleAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** The request attribute holding the {@link ConsoleSessionService.SignedIn} of a signed-in request. */
    public static final String SIGNED_IN = "consoleSignedIn";

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        ConsoleServices services = ConsoleServices.of(request.getServletContext());
        Optional<ConsoleSessionService.SignedIn> session = services.sessions().authenticate(SessionCookie.token(request));
        if (session.isPresent()) {
            request.setAttribute(SIGNED_IN, session.get());
            return context.notifyContainerAboutLogin(session.get().username(), Set.of(session.get().role().name().toLowerCase(Locale.ROOT)));
        }
        if (context.isProtected()) {
            return context.redirect(request.getContextPath() + ConsolePaths.SIGN_IN);
        }
        return context.doNothing();
    }
}
