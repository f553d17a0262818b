package dev.copilotgateway.console;

import dev.copilotgateway.security.ConsoleSessionService;
import dev.copilotgateway.security.SsoIdentities;
import dev.copilotgateway.security.SsoUserProvisioning;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The console's Jakarta Security mechanism: a request carrying a valid session cookie is its user, with their role
 * ({@code admin} or {@code viewer}) for the container's security constraints (web.xml); a protected page without one
 * is sent to the sign-in page. The session itself is kept for the page as the request attribute {@link #SIGNED_IN}.
 * With single sign-on ({@link SsoIdentities}), a request whose trusted SSO identity has no session of its own gets a new
 * one (and its cookie, so that forms and their CSRF tokens work as after a password sign-in); an SSO user whose groups
 * give no role gets a 403 page saying so.
 */
@ApplicationScoped
public class ConsoleAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** The request attribute holding the {@link ConsoleSessionService.SignedIn} of a signed-in request. */
    public static final String SIGNED_IN = "consoleSignedIn";
    /** The request attribute holding the {@link SsoIdentities.Decision} of a console request. */
    public static final String SSO = "consoleSso";
    /** The principal the container authenticated before this mechanism ran (AJP REMOTE_USER, a realm), if any. */
    static final String CONTAINER_USER = "consoleContainerUser";

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        ConsoleServices services = ConsoleServices.of(request.getServletContext());
        String containerUser = containerUser(request);
        SsoIdentities.Decision sso = services.sso().decide(request.getRemoteAddr(), request::getHeader, containerUser);
        request.setAttribute(SSO, sso);
        Optional<ConsoleSessionService.SignedIn> session = services.sessions().authenticate(SessionCookie.token(request));
        if (sso instanceof SsoIdentities.Decision.Identified identity && !ConsolePaths.SIGN_OUT.equals(ConsolePages.path(request))
                && session.filter(signedIn -> signedIn.username().equalsIgnoreCase(identity.username())).isEmpty()) {
            SsoUserProvisioning.Outcome outcome = services.ssoUsers().signIn(identity);
            if (outcome instanceof SsoUserProvisioning.Outcome.Allowed allowed) {
                session.ifPresent(other -> services.sessions().end(SessionCookie.token(request))); // someone else's
                ConsoleSessionService.Started started = services.sessions().start(allowed.userId(), request.getRemoteAddr(),
                        request.getHeader("User-Agent"));
                SessionCookie.set(request, response, started.token());
                session = Optional.of(started.session());
                ConsoleAudit.session(request, ConsoleAudit.SSO_SIGN_IN, identity.username(), HttpServletResponse.SC_OK);
            } else if (context.isProtected()) {
                request.setAttribute("ssoDenied", ((SsoUserProvisioning.Outcome.Denied) outcome).reason());
                request.setAttribute("ssoUser", identity.username());
                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                return context.forward("/WEB-INF/jsp/console/sso.jsp");
            }
        }
        if (session.isPresent()) {
            request.setAttribute(SIGNED_IN, session.get());
            return context.notifyContainerAboutLogin(session.get().username(), Set.of(session.get().role().name().toLowerCase(Locale.ROOT)));
        }
        if (context.isProtected()) {
            return context.redirect(request.getContextPath() + ConsolePaths.SIGN_IN);
        }
        return context.doNothing();
    }

    /**
     * The name the container (not this mechanism: it has not notified the container yet on this request) authenticated;
     * with AJP and {@code tomcatAuthentication="false"}, the proxy's REMOTE_USER.
     */
    private static String containerUser(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        String name = principal != null ? principal.getName() : request.getRemoteUser();
        request.setAttribute(CONTAINER_USER, name);
        return name;
    }
}
