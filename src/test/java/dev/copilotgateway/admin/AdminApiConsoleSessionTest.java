package dev.copilotgateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.copilotgateway.persistence.ConsoleUser;
import dev.copilotgateway.security.ConsoleSessionService;
import dev.copilotgateway.startup.Gateway;
import dev.copilotgateway.startup.InMemoryApi;
import dev.copilotgateway.startup.InMemoryGateway;
import dev.copilotgateway.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin API with a console session instead of the admin key: the cookie and the session's CSRF token together, an
 * admin for everything, a viewer for reading; a session that ended by idleness, age, sign-out or revocation no longer
 * opens it. The clock moves by hand (default idle time-out 30 minutes, maximum age 12 hours).
 */
class AdminApiConsoleSessionTest {

    private static final String ADMIN_KEY = "admin-key-for-the-console-session-tests-01";
    private static final String CLIENT_KEY = "client-key-for-the-console-session-tests-01";
    private static final String PASSWORD = "a long enough passphrase";
    private static final String NEW_KEY = "{\"name\":\"made with a console session\"}";

    @TempDir
    Path dataDir;

    private final MutableClock clock = MutableClock.startingNow();
    private InMemoryGateway fixture;
    private Gateway gateway;

    @BeforeEach
    void start() {
        fixture = InMemoryGateway.start(dataDir, ADMIN_KEY, CLIENT_KEY, clock);
        gateway = fixture.gateway();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private ConsoleSessionService.Started signIn(String username, ConsoleUser.Role role) {
        long id = gateway.consoleUsers().create(username, PASSWORD, role).id();
        return gateway.consoleSessions().start(id, "127.0.0.1", "test");
    }

    private InMemoryApi.Reply send(String method, String path, String json, String token, String csrf) throws Exception {
        InMemoryApi.Request request = fixture.api().request(method, path).header("Cookie", ConsoleSessionService.COOKIE + "=" + token);
        if (csrf != null) {
            request.header(ConsoleSessionService.CSRF_HEADER, csrf);
        }
        return (json == null ? request : request.json(json)).send();
    }

    private static String code(InMemoryApi.Reply reply) {
        return reply.json().getJsonObject("error").getString("code");
    }

    @Test
    void anAdminSessionWithItsCsrfTokenReadsAndChanges() throws Exception {
        ConsoleSessionService.Started admin = signIn("ops-admin", ConsoleUser.Role.ADMIN);

        assertEquals(200, send("GET", "/admin/api/keys", null, admin.token(), admin.session().csrfToken()).status());
        InMemoryApi.Reply created = send("POST", "/admin/api/keys", NEW_KEY, admin.token(), admin.session().csrfToken());
        assertEquals(201, created.status(), created.body());
    }

    @Test
    void theCookieAloneOrWithAnotherSessionsCsrfTokenIsRefused() throws Exception {
        ConsoleSessionService.Started admin = signIn("ops-admin", ConsoleUser.Role.ADMIN);
        ConsoleSessionService.Started other = gateway.consoleSessions().start(admin.session().userId(), "127.0.0.1", "test");

        InMemoryApi.Reply withoutCsrf = send("POST", "/admin/api/keys", NEW_KEY, admin.token(), null);
        InMemoryApi.Reply foreignCsrf = send("GET", "/admin/api/keys", null, admin.token(), other.session().csrfToken());

        assertEquals(403, withoutCsrf.status());
        assertEquals("csrf_token_invalid", code(withoutCsrf));
        assertEquals(403, foreignCsrf.status());
        assertEquals(0, gateway.apiKeys().list().stream().filter(key -> "made with a console session".equals(key.name())).count());
    }

    @Test
    void aViewerSessionReadsButChangesNothing() throws Exception {
        ConsoleSessionService.Started viewer = signIn("team-viewer", ConsoleUser.Role.VIEWER);

        assertEquals(200, send("GET", "/admin/api/accounts", null, viewer.token(), viewer.session().csrfToken()).status());
        InMemoryApi.Reply refused = send("POST", "/admin/api/keys", NEW_KEY, viewer.token(), viewer.session().csrfToken());

        assertEquals(403, refused.status());
        assertEquals("viewer_read_only", code(refused));
    }

    @Test
    void anIdleSessionEndsAfterTheIdleTimeOut() throws Exception {
        ConsoleSessionService.Started admin = signIn("ops-admin", ConsoleUser.Role.ADMIN);
        String csrf = admin.session().csrfToken();

        clock.advance(Duration.ofMinutes(29));
        assertEquals(200, send("GET", "/admin/api/keys", null, admin.token(), csrf).status()); // in use: kept
        clock.advance(Duration.ofMinutes(31));
        InMemoryApi.Reply ended = send("GET", "/admin/api/keys", null, admin.token(), csrf);

        assertEquals(401, ended.status());
        assertEquals("console_session_ended", code(ended));
    }

    @Test
    void aSessionInUseEndsAtItsMaximumAge() throws Exception {
        ConsoleSessionService.Started admin = signIn("ops-admin", ConsoleUser.Role.ADMIN);
        String csrf = admin.session().csrfToken();

        for (int step = 0; step < 35; step++) { // used every 20 minutes for 11 hours 40 minutes
            clock.advance(Duration.ofMinutes(20));
            assertEquals(200, send("GET", "/admin/api/keys", null, admin.token(), csrf).status());
        }
        clock.advance(Duration.ofMinutes(21)); // 12 hours and a minute after sign-in

        assertEquals(401, send("GET", "/admin/api/keys", null, admin.token(), csrf).status());
    }

    @Test
    void aRevokedOrSignedOutSessionIsRefused() throws Exception {
        ConsoleSessionService.Started revoked = signIn("ops-admin", ConsoleUser.Role.ADMIN);
        ConsoleSessionService.Started signedOut = gateway.consoleSessions().start(revoked.session().userId(), "127.0.0.1", "test");

        gateway.consoleSessions().revoke(revoked.session().sessionId());
        gateway.consoleSessions().end(signedOut.token());

        assertEquals(401, send("GET", "/admin/api/keys", null, revoked.token(), revoked.session().csrfToken()).status());
        assertEquals(401, send("GET", "/admin/api/keys", null, signedOut.token(), signedOut.session().csrfToken()).status());
    }

    @Test
    void theAdminKeyStillWorksAndWinsOverACookie() throws Exception {
        InMemoryApi.Reply withKey = fixture.api().request("GET", "/admin/api/keys").bearer(ADMIN_KEY)
                .header("Cookie", ConsoleSessionService.COOKIE + "=stale-token").send();
        InMemoryApi.Reply wrongKey = fixture.api().request("GET", "/admin/api/keys").bearer("not-the-admin-key-0000000000")
                .header("Cookie", ConsoleSessionService.COOKIE + "=stale-token").send();

        assertEquals(200, withKey.status());
        assertEquals(401, wrongKey.status());
        assertEquals("invalid_admin_key", code(wrongKey));
    }
}
