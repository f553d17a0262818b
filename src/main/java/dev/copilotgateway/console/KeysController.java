package dev.copilotgateway.console;

import dev.copilotgateway.protocol.InvalidRequestException;
import dev.copilotgateway.security.ApiKeyService;
import dev.copilotgateway.security.KeyChanges;
import dev.copilotgateway.security.KeyLimits;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Keys page: the client API keys with their limits and allowed models (never a secret but the one just created,
 * shown once), and for admins the forms to create one (bound to an account or to the pool, with an optional expiry,
 * limits and allowed models), to change a key's limits and models, and to revoke one. The work is the admin API's own
 * service ({@link ApiKeyService}).
 */
final class KeysController implements PageController {

    static final String PATH = "/console/keys";
    private static final Pattern REVOKE = Pattern.compile("/console/keys/([0-9]{1,18})/revoke");
    private static final Pattern LIMITS = Pattern.compile("/console/keys/([0-9]{1,18})/limits");
    private static final Pattern MODEL_SEPARATORS = Pattern.compile("[,\\s]+");

    private final ConsoleServices services;
    private final Clock clock;

    KeysController(ConsoleServices services, Clock clock) {
        this.services = services;
        this.clock = clock;
    }

    @Override
    public boolean handles(String path) {
        return path.equals(PATH) || REVOKE.matcher(path).matches() || LIMITS.matcher(path).matches();
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
        Matcher limits = LIMITS.matcher(path);
        try {
            if (limits.matches()) {
                // The form shows every field: an empty one clears that limit (or, for models, allows all).
                services.apiKeys().update(Long.parseLong(limits.group(1)), new KeyChanges(null, null,
                        new KeyChanges.Change<>(wholeNumber(request, "requestsPerMinute")),
                        new KeyChanges.Change<>(longNumber(request, "tokensPerDay")),
                        new KeyChanges.Change<>(wholeNumber(request, "concurrentRequests")),
                        new KeyChanges.Change<>(models(request.getParameter("models")))));
                ConsolePages.redirect(request, response, PATH);
                return;
            }
            ApiKeyService.CreatedKey created = services.apiKeys().create(request.getParameter("name"), request.getParameter("owner"),
                    accountId(request.getParameter("accountId")), expiry(request.getParameter("expiresInDays")),
                    new KeyLimits(wholeNumber(request, "requestsPerMinute"), longNumber(request, "tokensPerDay"),
                            wholeNumber(request, "concurrentRequests")), models(request.getParameter("models")));
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

    /** A limit field: empty is no limit; the range is the service's to check. */
    private static Long longNumber(HttpServletRequest request, String field) {
        String value = request.getParameter(field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException notANumber) {
            throw new InvalidRequestException("limits." + field, "limits." + field + " must be a positive whole number, or empty for no limit");
        }
    }

    private static Integer wholeNumber(HttpServletRequest request, String field) {
        Long value = longNumber(request, field);
        return value == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    /** Model ids separated by commas or spaces; none means every model. */
    private static List<String> models(String text) {
        List<String> ids = text == null ? List.of() : MODEL_SEPARATORS.splitAsStream(text.strip()).filter(id -> !id.isEmpty()).toList();
        return ids.isEmpty() ? null : ids;
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

    private Instant expiry(String days) {
        if (days == null || days.isBlank()) {
            return null;
        }
        try {
            int count = Integer.parseInt(days.strip());
            if (count < 1 || count > ApiKeyService.MAX_LIFETIME_DAYS) {
                throw new InvalidRequestException("expiresInDays", "expiresInDays must be 1 to " + ApiKeyService.MAX_LIFETIME_DAYS);
            }
            return clock.instant().plus(Duration.ofDays(count));
        } catch (NumberFormatException notANumber) {
            throw new InvalidRequestException("expiresInDays", "expiresInDays must be a whole number of days");
        }
    }
}
