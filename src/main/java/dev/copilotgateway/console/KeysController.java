package dev.copilotgateway.console;

import dev.copilotgateway.protocol.InvalidRequestException;
import dev.copilotgateway.security.ApiKeyService;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Keys page: the client API keys (never a secret but the one just created, shown once), and for admins the forms
 * to create one (bound to an account or to the pool, with an optional expiry) and to revoke one. The work is the admin
 * API's own service ({@link ApiKeyService}).
 */
final class KeysController implements PageController {

    static final String PATH = "/console/keys";
    private static final Pattern REVOKE = Pattern.compile("/console/keys/([0-9]{1,18})/revoke");

    private final ConsoleServices services;

    KeysController(ConsoleServices services) {
        this.services = services;
    }

    @Override
    public boolean handles(String path) {
        return path.equals(PATH) || REVOKE.matcher(path).matches();
    }

    @Override
    public void get(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        show(request, response);
    }

    @Override
    public void post(HttpServletRequest request, HttpServletResponse response, String path) throws ServletException, IOException {
        Matcher revoke = REVOKE.matcher(path);
        if (revoke.matches()) {
            services.apiKeys().revoke(Long.parseLong(revoke.group(1)));
            ConsolePages.redirect(request, response, PATH);
            return;
        }
        try {
            ApiKeyService.CreatedKey created = services.apiKeys().create(request.getParameter("name"), request.getParameter("owner"),
                    accountId(request.getParameter("accountId")), expiry(request.getParameter("expiresInDays")));
            request.setAttribute("createdKey", created.secret());
            request.setAttribute("createdName", created.view().name());
        } catch (InvalidRequestException invalid) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            request.setAttribute("error", invalid.getMessage());
        }
        show(request, response);
    }

    private void show(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        request.setAttribute("keys", services.apiKeys().list());
        request.setAttribute("accounts", services.accounts().list());
        ConsolePages.render(request, response, "keys");
    }

    private static Long accountId(String value) {
        if (value == null || value.isBlank()) {
            return null; // the pool
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException notANumber) {
            throw new InvalidRequestException("accountId", "accountId must be an account's id");
        }
    }

    private static Instant expiry(String days) {
        if (days == null || days.isBlank()) {
            return null;
        }
        try {
            int count = Integer.parseInt(days.strip());
            if (count < 1 || count > ApiKeyService.MAX_LIFETIME_DAYS) {
                throw new InvalidRequestException("expiresInDays", "expiresInDays must be 1 to " + ApiKeyService.MAX_LIFETIME_DAYS);
            }
            return Instant.now().plus(Duration.ofDays(count));
        } catch (NumberFormatException notANumber) {
            throw new InvalidRequestException("expiresInDays", "expiresInDays must be a whole number of days");
        }
    }
}
