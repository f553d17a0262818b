package dev.copilotgateway.admin;

import dev.copilotgateway.github.AccountService;
import dev.copilotgateway.protocol.InvalidRequestException;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code PATCH /admin/api/accounts/{id}}: any of {@code enabled}, {@code priority}, {@code weight}
 * (1-100) and {@code name} (a label; empty removes it).
 */
final class AccountChangesRequest {

    static final int MAX_WEIGHT = AccountService.AccountChanges.MAX_WEIGHT;
    private static final int MAX_NAME = AccountService.AccountChanges.MAX_NAME;
    private static final int MAX_PRIORITY = AccountService.AccountChanges.MAX_PRIORITY;
    private static final List<String> FIELDS = List.of("enabled", "priority", "weight", "name");

    private AccountChangesRequest() {
    }

    static AccountService.AccountChanges parse(String body) {
        JsonBody json = JsonBody.parse(body, FIELDS, "{\"enabled\":false}");
        if (json.isEmpty()) {
            throw new InvalidRequestException(null, "Send at least one of " + String.join(", ", FIELDS));
        }
        String name = json.string("name");
        if (name != null && name.strip().length() > MAX_NAME) {
            throw new InvalidRequestException("name", "name must be at most " + MAX_NAME + " characters");
        }
        return new AccountService.AccountChanges(Optional.ofNullable(json.bool("enabled")),
                Optional.ofNullable(json.integer("priority", -MAX_PRIORITY, MAX_PRIORITY)),
                Optional.ofNullable(json.integer("weight", 1, MAX_WEIGHT)), Optional.ofNullable(name));
    }
}
