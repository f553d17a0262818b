package dev.copilotgateway.admin;

import dev.copilotgateway.persistence.ConsoleUser;
import dev.copilotgateway.protocol.InvalidRequestException;
import java.util.List;

/** The body of {@code POST /admin/api/console-users}: {@code username}, {@code password} and {@code role} ({@code admin} or {@code viewer}). */
record ConsoleUserRequest(String username, String password, ConsoleUser.Role role) {

    private static final List<String> FIELDS = List.of("username", "password", "role");

    /** @throws InvalidRequestException when the body is not such an object */
    static ConsoleUserRequest parse(String body) {
        JsonBody json = JsonBody.parse(body, FIELDS, "{\"username\":\"alice\",\"password\":\"a long passphrase\",\"role\":\"viewer\"}");
        return new ConsoleUserRequest(json.string("username"), json.string("password"), role(json.string("role")));
    }

    private static ConsoleUser.Role role(String role) {
        if (role == null) {
            throw new InvalidRequestException("role", "role is required: admin or viewer");
        }
        return ConsoleUser.Role.named(role).orElseThrow(() -> new InvalidRequestException("role", "role must be admin or viewer"));
    }

    /** Never the password, should the request be logged or printed. */
    @Override
    public String toString() {
        return "ConsoleUserRequest[username=" + username + ", role=" + role + "]";
    }
}
