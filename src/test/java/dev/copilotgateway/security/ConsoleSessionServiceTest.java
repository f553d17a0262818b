package dev.copilotgateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.persistence.ConsoleSession;
import dev.copilotgateway.persistence.ConsoleUser;
import dev.copilotgateway.persistence.DatabaseConnector;
import dev.copilotgateway.persistence.TestDatabases;
import dev.copilotgateway.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Console sessions in the database, on every database of {@link TestDatabases}: tokens, expiry, sign-out, revocation. */
class ConsoleSessionServiceTest {

    private static final String TARGETS = "dev.copilotgateway.persistence.TestDatabases#targets";
    private static final Duration IDLE = Duration.ofMinutes(30);
    private static final Duration MAX_AGE = Duration.ofHours(8);

    @TempDir
    Path folder;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T09:00:00Z"));
    private DatabaseConnector connector;
    private ConsoleSessionService sessions;
    private ConsoleUserService users;

    @AfterEach
    void close() {
        if (connector != null) {
            connector.close();
        }
    }

    private long open(TestDatabases.Target target) {
        connector = new DatabaseConnector(() -> target.empty(folder), database -> { });
        connector.connect();
        sessions = new ConsoleSessionService(connector::database, clock, IDLE, MAX_AGE);
        users = new ConsoleUserService(connector::database, new PasswordHashes(1_000), clock);
        return users.create("alice", "a long enough passphrase", ConsoleUser.Role.ADMIN).id();
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void aStartedSessionAuthenticatesItsTokenAndStoresOnlyItsHash(TestDatabases.Target target) {
        long alice = open(target);
        ConsoleSessionService.Started started = sessions.start(alice, "10.0.0.7", "Mozilla/5.0");

        ConsoleSessionService.SignedIn signedIn = sessions.authenticate(started.token()).orElseThrow();
        assertEquals("alice", signedIn.username());
        assertEquals(ConsoleUser.Role.ADMIN, signedIn.role());
        assertEquals(clock.instant().plus(MAX_AGE), signedIn.expiresAt());
        assertTrue(signedIn.acceptsCsrf(started.session().csrfToken()));
        assertFalse(signedIn.acceptsCsrf(started.token()), "the session token is not the CSRF token");
        assertFalse(signedIn.acceptsCsrf(null));

        ConsoleSession stored = connector.database().orElseThrow().inTransaction(entityManager ->
                entityManager.find(ConsoleSession.class, signedIn.sessionId()));
        assertEquals(Hashes.sha256Hex(started.token()), stored.getTokenHash());
        assertNotEquals(started.token(), stored.getTokenHash());
        assertFalse(started.toString().contains(started.token()) || signedIn.toString().contains(signedIn.csrfToken()));

        assertEquals(Optional.empty(), sessions.authenticate(started.token() + "x"));
        assertEquals(Optional.empty(), sessions.authenticate(""));
        assertEquals(Optional.empty(), sessions.authenticate(null));
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void eachSignInIsANewSessionWithNewTokens(TestDatabases.Target target) {
        long alice = open(target);
        ConsoleSessionService.Started first = sessions.start(alice, null, null);
        ConsoleSessionService.Started second = sessions.start(alice, null, null);

        assertNotEquals(first.token(), second.token());
        assertNotEquals(first.session().csrfToken(), second.session().csrfToken());
        assertTrue(sessions.authenticate(first.token()).isPresent(), "another sign-in leaves the first session alone");
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void anIdleSessionEndsAndUseKeepsItAlive(TestDatabases.Target target) {
        long alice = open(target);
        String used = sessions.start(alice, null, null).token();
        String unused = sessions.start(alice, null, null).token();

        for (int i = 0; i < 3; i++) { // 3 × 20 min: past the idle limit for the unused one, never for the used one
            clock.advance(Duration.ofMinutes(20));
            assertTrue(sessions.authenticate(used).isPresent(), "used every 20 minutes");
        }
        assertEquals(Optional.empty(), sessions.authenticate(unused), "idle for an hour");
        assertEquals(1, sessions.list().size());
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void aSessionEndsAtItsMaximumAgeHoweverMuchItIsUsed(TestDatabases.Target target) {
        long alice = open(target);
        String token = sessions.start(alice, null, null).token();

        for (Duration age = Duration.ZERO; age.compareTo(MAX_AGE) < 0; age = age.plus(Duration.ofMinutes(20))) {
            assertTrue(sessions.authenticate(token).isPresent(), "at " + age);
            clock.advance(Duration.ofMinutes(20));
        }
        assertEquals(Optional.empty(), sessions.authenticate(token));
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void signOutRevocationAndDeletingTheUserEndSessions(TestDatabases.Target target) {
        long alice = open(target);
        String signedOut = sessions.start(alice, null, null).token();
        String revoked = sessions.start(alice, "10.0.0.8", "curl/8").token();
        String orphaned = sessions.start(alice, null, null).token();

        sessions.end(signedOut);
        assertEquals(Optional.empty(), sessions.authenticate(signedOut));

        List<ConsoleSessionService.SessionView> listed = sessions.list();
        assertEquals(2, listed.size());
        ConsoleSessionService.SessionView toRevoke = listed.stream().filter(view -> "curl/8".equals(view.userAgent())).findFirst().orElseThrow();
        assertEquals("10.0.0.8", toRevoke.clientAddress());
        assertTrue(sessions.revoke(toRevoke.id()));
        assertFalse(sessions.revoke(toRevoke.id()));
        assertEquals(Optional.empty(), sessions.authenticate(revoked));
        assertTrue(sessions.authenticate(orphaned).isPresent());

        users.delete(alice);
        assertEquals(Optional.empty(), sessions.authenticate(orphaned), "the user's sessions go with the user");
    }

    @ParameterizedTest
    @MethodSource(TARGETS)
    void endedSessionsAreDeletedByAPurgeAndAtEachSignIn(TestDatabases.Target target) {
        long alice = open(target);
        sessions.start(alice, null, null);
        clock.advance(IDLE.plusSeconds(1));
        String live = sessions.start(alice, null, null).token();
        assertEquals(1, storedSessions(), "the sign-in deleted the idle session");
        assertEquals(0, sessions.purgeEnded(), "nothing else has ended");

        clock.advance(IDLE.plusSeconds(1));
        assertEquals(1, sessions.purgeEnded());
        assertEquals(0, storedSessions());
        assertEquals(Optional.empty(), sessions.authenticate(live));
    }

    private long storedSessions() {
        return connector.database().orElseThrow().inTransaction(entityManager ->
                entityManager.createQuery("select count(s) from ConsoleSession s", Long.class).getSingleResult());
    }
}
