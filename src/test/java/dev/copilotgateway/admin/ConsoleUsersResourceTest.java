package dev.copilotgateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.persistence.ConsoleUser;
import dev.copilotgateway.persistence.ConsoleUserRepository;
import dev.copilotgateway.security.PasswordHashes;
import dev.copilotgateway.startup.Gateway;
import dev.copilotgateway.startup.InMemoryApi;
import dev.copilotgateway.startup.InMemoryGateway;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /admin/api/console-users} in memory on a real {@link Gateway} and its H2 database. */
class ConsoleUsersResourceTest {

    private static final String ADMIN_KEY = "admin-key-for-the-console-user-tests-0123";
    private static final String CLIENT_KEY = "client-key-for-the-console-user-tests-0123";
    private static final String USERS = "/admin/api/console-users";
    private static final String PASSWORD = "a long enough passphrase";

    @TempDir
    Path dataDir;

    private InMemoryGateway fixture;
    private Gateway gateway;
    private InMemoryApi api;

    @BeforeEach
    void start() {
        fixture = InMemoryGateway.start(dataDir, ADMIN_KEY, CLIENT_KEY);
        gateway = fixture.gateway();
        api = fixture.api();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private InMemoryApi.Reply send(String method, String path, String json) throws Exception {
        return fixture.asAdmin(method, path, json);
    }

    private static String user(String username, String password, String role) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"role\":\"" + role + "\"}";
    }

    private static JsonObject error(InMemoryApi.Reply reply) {
        return reply.json().getJsonObject("error");
    }

    @Test
    void usersAreCreatedListedAndDeletedWithoutEverShowingAHash() throws Exception {
        InMemoryApi.Reply created = send("POST", USERS, user("alice", PASSWORD, "admin"));
        assertEquals(201, created.status(), created.body());
        JsonObject view = created.json();
        long id = view.getJsonNumber("id").longValue();
        assertEquals(List.of("id", "username", "role", "enabled", "createdAt", "lastLoginAt"), List.copyOf(view.keySet()));
        assertEquals("alice", view.getString("username"));
        assertEquals("admin", view.getString("role"));
        assertTrue(view.getBoolean("enabled"));
        assertTrue(view.isNull("lastLoginAt"));
        Instant.parse(view.getString("createdAt"));
        assertTrue(created.header("Location").endsWith(USERS + "/" + id), created.header("Location"));

        assertEquals(201, send("POST", USERS, user("bob", PASSWORD, "VIEWER")).status());
        InMemoryApi.Reply listed = send("GET", USERS, null);
        assertEquals(200, listed.status());
        List<JsonObject> users = listed.json().getJsonArray("data").getValuesAs(JsonObject.class);
        assertEquals(List.of("alice", "bob"), users.stream().map(listedUser -> listedUser.getString("username")).toList());
        assertEquals("viewer", users.get(1).getString("role"));
        assertFalse(listed.body().contains("PBKDF2") || listed.body().contains(PASSWORD), listed.body());

        assertEquals(204, send("DELETE", USERS + "/" + id, null).status());
        assertEquals(404, send("DELETE", USERS + "/" + id, null).status());
        assertEquals("console_user_not_found", error(send("DELETE", USERS + "/" + id, null)).getString("code"));
        assertEquals(1, send("GET", USERS, null).json().getJsonArray("data").size());
    }

    @Test
    void thePasswordIsStoredOnlyAsASlowHash() throws Exception {
        long id = send("POST", USERS, user("carol", PASSWORD, "viewer")).json().getJsonNumber("id").longValue();

        ConsoleUser stored = gateway.databaseConnector().database().orElseThrow()
                .inTransaction(entityManager -> new ConsoleUserRepository(entityManager).find(id).orElseThrow());
        assertTrue(stored.getPasswordHash().startsWith("PBKDF2WithHmacSHA256:" + PasswordHashes.ITERATIONS + ":"), stored.getPasswordHash());
        assertFalse(stored.getPasswordHash().contains(PASSWORD));
        assertTrue(new PasswordHashes(PasswordHashes.ITERATIONS).matches(PASSWORD.toCharArray(), stored.getPasswordHash()));
    }

    @Test
    void aNameIsTakenWhateverItsCase() throws Exception {
        assertEquals(201, send("POST", USERS, user("dave", PASSWORD, "admin")).status());

        InMemoryApi.Reply again = send("POST", USERS, user("DAVE", PASSWORD, "viewer"));
        assertEquals(409, again.status(), again.body());
        assertEquals("console_user_exists", error(again).getString("code"));
    }

    @Test
    void badInputIsA400NamingTheField() throws Exception {
        Map<String, String> bodies = Map.of(
                "password", user("erin", "too short", "admin"),
                "role", user("erin", PASSWORD, "owner"),
                "username", user("-erin with spaces", PASSWORD, "admin"),
                "passwd", "{\"username\":\"erin\",\"passwd\":\"" + PASSWORD + "\",\"role\":\"admin\"}");
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            InMemoryApi.Reply refused = send("POST", USERS, body.getValue());
            assertEquals(400, refused.status(), body.getKey() + ": " + refused.body());
            assertEquals(body.getKey(), error(refused).getString("param"), refused.body());
        }
        assertEquals(400, send("POST", USERS, "{\"username\":\"erin\",\"role\":\"admin\"}").status(), "no password");
        assertEquals(0, send("GET", USERS, null).json().getJsonArray("data").size(), "nothing was created");
    }

    @Test
    void onlyTheAdminKeyManagesConsoleUsers() throws Exception {
        InMemoryApi.Reply asClient = api.request("POST", USERS).bearer(CLIENT_KEY).json(user("frank", PASSWORD, "admin")).send();
        assertTrue(asClient.status() == 401 || asClient.status() == 403, asClient.status() + " " + asClient.body());
        assertEquals(401, api.request("GET", USERS).send().status());
        assertEquals(0, send("GET", USERS, null).json().getJsonArray("data").size());
    }
}
