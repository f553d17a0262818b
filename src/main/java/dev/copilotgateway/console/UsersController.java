package dev.copilotgateway.console;

import dev.copilotgateway.persistence.ConsoleUser;
import dev.copilotgateway.protocol.InvalidRequestException;
import dev.copilotgateway.security.ConsoleSessionService;
import dev.copilotgateway.security.ConsoleUserService;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Console users page, for admins only: the users (add one, delete one, never oneself) and the open sessions (revoke
 * one, which signs that browser out at its next request). The work is the admin API's own services.
 */
final class UsersController implements PageController {

    static final String PATH = "/console/users";
    private static final Pattern DELETE_USER = Pattern.compile("/console/users/([0-9]{1,18})/delete");
    private static final Pattern REVOKE_SESSION = Pattern.compile("/console/users/sessions/([0-9]{1,18})/revoke");

    private final ConsoleServices services;

    UsersController(ConsoleServices services) {
        this.services = services;
    }

    @Override
    public boolean adminOnly() {
        return true;
    }

    @Override
    public boolean handles(String path) {
        return path.equals(PATH) || DELETE_USER.matcher(path).matches() || REVOKE_SESSION.matcher(path).matches();
    }

    @Override
    public void get(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        show(request, response);
    }

    @Override
    public void post(HttpServletRequest request, HttpServletResponse response, String path) throws ServletException, IOException {
        Matcher delete = DELETE_USER.matcher(path);
        Matcher revoke = REVOKE_SESSION.matcher(path);
        try {
            if (delete.matches()) {
                long id = Long.parseLong(delete.group(1));
                if (id == ConsolePages.signedIn(request).userId()) {
                    throw new InvalidRequestException("id", "You cannot delete yourself; another admin can.");
                }
                services.users().delete(id);
            } else if (revoke.matches()) {
                services.sessions().revoke(Long.parseLong(revoke.group(1)));
            } else {
                services.users().create(request.getParameter("username"), request.getParameter("password"), role(request.getParameter("role")));
            }
            ConsolePages.redirect(request, response, PATH);
        } catch (InvalidRequestException | ConsoleUserService.DuplicateUsernameException refused) {
            response.setStatus(refused instanceof InvalidRequestException ? HttpServletResponse.SC_BAD_REQUEST : HttpServletResponse.SC_CONFLICT);
            request.setAttribute("error", refused.getMessage());
            show(request, response);
        }
    }

    private void show(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        request.setAttribute("users", services.users().list());
        request.setAttribute("sessions", services.sessions().list());
        ConsoleSessionService.SignedIn signedIn = ConsolePages.signedIn(request);
        request.setAttribute("currentSessionId", signedIn == null ? null : signedIn.sessionId());
        ConsolePages.render(request, response, "users");
    }

    private static ConsoleUser.Role role(String role) {
        return ConsoleUser.Role.named(role).orElseThrow(() -> new InvalidRequestException("role", "role must be admin or viewer"));
    }
}
