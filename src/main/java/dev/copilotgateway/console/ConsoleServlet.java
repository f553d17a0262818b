package dev.copilotgateway.console;

import dev.copilotgateway.persistence.ConsoleUser;
import dev.copilotgateway.protocol.InvalidRequestException;
import dev.copilotgateway.security.ConsoleLogin;
import dev.copilotgateway.security.ConsoleSessionService;
import dev.copilotgateway.security.SsoIdentities;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The console's entry: sign-in, first-run setup, sign-out and the home page here, the other pages in their
 * {@link PageController}s (whose forms only an admin may post). Thin: the work is done by the services (one source of
 * truth with the admin API), the pages are JSPs under {@code WEB-INF/jsp/console}.
 */
public final class ConsoleServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private transient List<PageController> pages;

    @Override
    public void init() {
        ConsoleServices services = ConsoleServices.of(getServletContext());
        Clock clock = Clock.systemUTC();
        QuotaSnapshots quotas = new QuotaSnapshots(services.accounts()::usage, clock);
        pages = List.of(new KeysController(services, clock), new ModelsController(services), new UsersController(services),
                new PoolController(services), new AccountsController(services, quotas), new SetupController(),
                new HomeController(services, clock), new UsageController(services, quotas, clock),
                new DiagnosticsController(services), new AuditController(services, clock), new ApprovalsController(services));
    }

    private Optional<PageController> controllerOf(String path) {
        return pages.stream().filter(page -> page.handles(path)).findFirst();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        ConsoleServices services = ConsoleServices.of(getServletContext());
        String path = ConsolePages.path(request);
        Optional<PageController> page = controllerOf(path);
        if (page.isPresent()) {
            if (page.get().adminOnly() && !ConsolePages.isAdmin(request)) {
                response.sendError(HttpServletResponse.SC_FORBIDDEN);
                return;
            }
            page.get().get(request, response);
            return;
        }
        switch (path) {
            case ConsolePaths.SIGN_IN -> {
                if (!services.users().anyUser()) {
                    ConsolePages.redirect(request, response, ConsolePaths.SETUP);
                } else if (ConsolePages.signedIn(request) != null) {
                    ConsolePages.redirect(request, response, ConsolePaths.HOME);
                } else {
                    ConsolePages.render(request, response, "login");
                }
            }
            case ConsolePaths.SETUP -> {
                if (services.users().anyUser()) {
                    ConsolePages.redirect(request, response, ConsolePaths.SIGN_IN);
                } else {
                    ConsolePages.render(request, response, "setup");
                }
            }
            case ConsolePaths.ROOT -> ConsolePages.redirect(request, response, ConsolePaths.HOME);
            default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String path = ConsolePages.path(request);
        Optional<PageController> page = controllerOf(path);
        if (page.isPresent()) {
            if (!ConsolePages.isAdmin(request)) {
                response.sendError(HttpServletResponse.SC_FORBIDDEN); // a viewer reads, never changes
                return;
            }
            page.get().post(request, response, path);
            ConsoleAudit.formPosted(request, response, path, ConsolePages.signedIn(request).username());
            return;
        }
        switch (path) {
            case ConsolePaths.SIGN_IN -> signIn(request, response);
            case ConsolePaths.SETUP -> setUp(request, response);
            case ConsolePaths.SIGN_OUT -> signOut(request, response);
            default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    private void signIn(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        ConsoleServices services = ConsoleServices.of(getServletContext());
        String password = request.getParameter("password");
        ConsoleLogin.Outcome outcome = services.login().signIn(request.getParameter("username"),
                password == null ? new char[0] : password.toCharArray(), request.getRemoteAddr());
        if (outcome instanceof ConsoleLogin.Outcome.Accepted accepted) {
            startSession(request, response, accepted.userId());
            ConsoleAudit.session(request, ConsoleAudit.SIGN_IN, request.getParameter("username"), response.getStatus());
            return;
        }
        if (outcome instanceof ConsoleLogin.Outcome.Throttled throttled) {
            response.setStatus(429);
            response.setHeader("Retry-After", Long.toString(Math.max(1, throttled.retryAfter().toSeconds())));
            request.setAttribute("error", "login.throttled");
        } else {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            request.setAttribute("error", "login.refused");
        }
        request.setAttribute("username", request.getParameter("username"));
        ConsolePages.render(request, response, "login");
    }

    /** The first admin, created only with the admin API key and only while the console has no user at all. */
    private void setUp(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        ConsoleServices services = ConsoleServices.of(getServletContext());
        if (services.users().anyUser()) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        String adminKey = request.getParameter("adminKey");
        boolean keyMatches = adminKey != null && services.adminApiKeys().get().map(keys -> keys.matches(adminKey.strip())).orElse(false);
        request.setAttribute("username", request.getParameter("username"));
        if (!keyMatches) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            request.setAttribute("error", "setup.wrongKey");
            ConsolePages.render(request, response, "setup");
            return;
        }
        long id;
        try {
            id = services.users().create(request.getParameter("username"), request.getParameter("password"), ConsoleUser.Role.ADMIN).id();
        } catch (InvalidRequestException invalid) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            request.setAttribute("error", "setup.invalid." + invalid.param());
            ConsolePages.render(request, response, "setup");
            return;
        }
        startSession(request, response, id);
        ConsoleAudit.session(request, ConsoleAudit.SETUP, request.getParameter("username"), response.getStatus());
    }

    private void signOut(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        ConsoleSessionService.SignedIn signedIn = ConsolePages.signedIn(request);
        if (signedIn != null) {
            ConsoleAudit.session(request, ConsoleAudit.SIGN_OUT, signedIn.username(), HttpServletResponse.SC_OK);
        }
        ConsoleServices.of(getServletContext()).sessions().end(SessionCookie.token(request));
        SessionCookie.clear(request, response);
        if (request.getAttribute(ConsoleAuthenticationMechanism.SSO) instanceof SsoIdentities.Decision.Identified) {
            // the next console request would sign in again: only the SSO provider's sign-out ends the SSO login
            request.setAttribute("ssoSignedOut", true);
            ConsolePages.render(request, response, "sso");
            return;
        }
        ConsolePages.redirect(request, response, ConsolePaths.SIGN_IN);
    }

    /** Always a new session (and so a new token) at sign-in: a token planted before it never becomes a signed-in one. */
    private void startSession(HttpServletRequest request, HttpServletResponse response, long userId) throws IOException {
        ConsoleSessionService.Started started = ConsoleServices.of(getServletContext()).sessions()
                .start(userId, request.getRemoteAddr(), request.getHeader("User-Agent"));
        SessionCookie.set(request, response, started.token());
        ConsolePages.redirect(request, response, ConsolePaths.HOME);
    }
}
