package dev.copilotgateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.copilotgateway.persistence.ConsoleUser;
import dev.copilotgateway.persistence.DatabaseConnector;
import dev.copilotgateway.persistence.TestDatabases;
import dev.copilotgateway.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing in: right and wrong passwords, and the throttles per user (in the database) and per address. */
class ConsoleLoginTest {

    private static final String PASSWORD = "a long enough passphrase";
    private static final char[] WRONG = "not the passphrase at all".toCharArray();

    @TempDir
    Path folder;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T09:00:00Z"));
    private DatabaseConnector connector;
    private ConsoleUserService users;
    private ConsoleLogin login;
    private long alice;

    @BeforeEach
    void open() {
        connector = new DatabaseConnector(() -> TestDatabases.targets().findFirst().orElseThrow().getPayload().empty(folder), database -> { });
        connector.connect();
        PasswordHashes passwords = new PasswordHashes(1_000);
        users = new ConsoleUserService(connector::database, passwords, clock);
        login = new ConsoleLogin(connector::database, passwords, clock, new AddressThrottle(clock, 8, Duration.ofMinutes(10), 100));
        alice = users.create("alice", PASSWORD, ConsoleUser.Role.VIEWER).id();
    }

    @AfterEach
    void close() {
        connector.close();
    }

    @Test
    void theRightPasswordSignsInAndIsRecorded() {
        ConsoleLogin.Outcome outcome = login.signIn("ALICE ", PASSWORD.toCharArray(), "10.0.0.1");

        assertEquals(new ConsoleLogin.Outcome.Accepted(alice), outcome, "names match ignoring case and outer spaces");
        assertEquals(clock.instant(), users.list().get(0).lastLoginAt());
    }

    @Test
    void aWrongPasswordAndAnUnknownNameAreTheSameRefusal() {
        assertInstanceOf(ConsoleLogin.Outcome.Refused.class, login.signIn("alice", WRONG, "10.0.0.1"));
        assertInstanceOf(ConsoleLogin.Outcome.Refused.class, login.signIn("mallory", PASSWORD.toCharArray(), "10.0.0.1"));
        assertInstanceOf(ConsoleLogin.Outcome.Refused.class, login.signIn(null, PASSWORD.toCharArray(), "10.0.0.1"));
    }

    @Test
    void repeatedFailuresLockTheUserOnEveryAddressForAWhileThatDoubles() {
        for (int i = 0; i < ConsoleLogin.FREE_FAILURES; i++) {
            assertInstanceOf(ConsoleLogin.Outcome.Refused.class, login.signIn("alice", WRONG, "10.0.0." + i));
        }
        ConsoleLogin.Outcome locked = login.signIn("alice", PASSWORD.toCharArray(), "10.9.9.9");
        assertEquals(new ConsoleLogin.Outcome.Throttled(Duration.ofSeconds(30)), locked, "even the right password waits");

        clock.advance(Duration.ofSeconds(30));
        assertInstanceOf(ConsoleLogin.Outcome.Refused.class, login.signIn("alice", WRONG, "10.0.0.1"));
        assertEquals(new ConsoleLogin.Outcome.Throttled(Duration.ofMinutes(1)), login.signIn("alice", PASSWORD.toCharArray(), "10.9.9.9"));

        clock.advance(Duration.ofMinutes(1));
        assertEquals(new ConsoleLogin.Outcome.Accepted(alice), login.signIn("alice", PASSWORD.toCharArray(), "10.9.9.9"));
        assertInstanceOf(ConsoleLogin.Outcome.Refused.class, login.signIn("alice", WRONG, "10.0.0.1"), "a success starts the count again");
    }

    @Test
    void theLockGrowsToFifteenMinutesAtMost() {
        Instant now = clock.instant();
        assertNull(ConsoleLogin.lockUntil(4, now));
        assertEquals(now.plusSeconds(30), ConsoleLogin.lockUntil(5, now));
        assertEquals(now.plusSeconds(60), ConsoleLogin.lockUntil(6, now));
        assertEquals(now.plus(Duration.ofMinutes(15)), ConsoleLogin.lockUntil(40, now));
    }

    @Test
    void anAddressThatKeepsFailingIsRefusedWhateverTheName() {
        for (int i = 0; i < 8; i++) {
            assertInstanceOf(ConsoleLogin.Outcome.Refused.class, login.signIn("user" + i, WRONG, "192.0.2.1"));
        }
        assertInstanceOf(ConsoleLogin.Outcome.Throttled.class, login.signIn("alice", PASSWORD.toCharArray(), "192.0.2.1"));
        assertEquals(new ConsoleLogin.Outcome.Accepted(alice), login.signIn("alice", PASSWORD.toCharArray(), "192.0.2.2"),
                "another address is not affected");

        clock.advance(Duration.ofMinutes(10));
        assertEquals(new ConsoleLogin.Outcome.Accepted(alice), login.signIn("alice", PASSWORD.toCharArray(), "192.0.2.1"));
    }

    @Test
    void theAddressThrottleStaysBoundedUnderAFloodOfAddresses() {
        AddressThrottle throttle = new AddressThrottle(clock, 3, Duration.ofMinutes(10), 100);
        for (int i = 0; i < 10_000; i++) {
            throttle.failed("198.51." + (i / 256) + "." + (i % 256));
        }
        assertEquals(true, throttle.size() <= 100, "held " + throttle.size());
    }
}
