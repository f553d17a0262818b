package dev.copilotgateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.copilotgateway.persistence.ConsoleUser;
import dev.copilotgateway.persistence.DatabaseConnector;
import dev.copilotgateway.persistence.TestDatabases;
import dev.copilotgateway.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SSO users: made on first sign-in without a password, role kept in step with their groups, never a password sign-in. */
class SsoUserProvisioningTest {

    @TempDir
    Path folder;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T09:00:00Z"));
    private DatabaseConnector connector;
    private ConsoleUserService users;
    private SsoUserProvisioning provisioning;
    private ConsoleLogin login;

    @BeforeEach
    void open() {
        connector = new DatabaseConnector(() -> TestDatabases.targets().findFirst().orElseThrow().getPayload().empty(folder), database -> { });
        connector.connect();
        PasswordHashes passwords = new PasswordHashes(1_000);
        users = new ConsoleUserService(connector::database, passwords, clock);
        provisioning = new SsoUserProvisioning(connector::database, clock);
        login = new ConsoleLogin(connector::database, passwords, clock);
    }

    @AfterEach
    void close() {
        connector.close();
    }

    private static SsoIdentities.Decision.Identified identity(String name, ConsoleUser.Role role) {
        return new SsoIdentities.Decision.Identified(name, List.of(), Optional.ofNullable(role), "header X-Forwarded-User");
    }

    @Test
    void theFirstSignInProvisionsAUserWithTheMappedRole() {
        SsoUserProvisioning.Outcome outcome = provisioning.signIn(identity("carol", ConsoleUser.Role.VIEWER));

        ConsoleUserService.ConsoleUserView carol = users.list().get(0);
        assertEquals(new SsoUserProvisioning.Outcome.Allowed(carol.id(), ConsoleUser.Role.VIEWER), outcome);
        assertEquals("carol", carol.username());
        assertEquals(ConsoleUser.Role.VIEWER, carol.role());
        assertEquals(clock.instant(), carol.lastLoginAt());
    }

    @Test
    void eachSignInTakesTheRoleFromTheGroupsAgain() {
        long id = ((SsoUserProvisioning.Outcome.Allowed) provisioning.signIn(identity("carol", ConsoleUser.Role.VIEWER))).userId();

        assertEquals(new SsoUserProvisioning.Outcome.Allowed(id, ConsoleUser.Role.ADMIN), provisioning.signIn(identity("carol", ConsoleUser.Role.ADMIN)));
        assertEquals(ConsoleUser.Role.ADMIN, users.list().get(0).role());
        assertEquals(1, users.list().size());
    }

    @Test
    void noRoleMeansNoAccessAndNoUser() {
        assertEquals(new SsoUserProvisioning.Outcome.Denied("no-role"), provisioning.signIn(identity("dave", null)));
        assertEquals(List.of(), users.list());
    }

    @Test
    void aPasswordUserOfTheSameNameIsNeverTakenOver() {
        users.create("alice", "a long enough passphrase", ConsoleUser.Role.VIEWER);

        assertEquals(new SsoUserProvisioning.Outcome.Denied("local-user"), provisioning.signIn(identity("ALICE", ConsoleUser.Role.ADMIN)));
        assertEquals(ConsoleUser.Role.VIEWER, users.list().get(0).role());
    }

    @Test
    void anSsoUserNeverSignsInWithAPassword() {
        provisioning.signIn(identity("carol", ConsoleUser.Role.ADMIN));

        assertInstanceOf(ConsoleLogin.Outcome.Refused.class, login.signIn("carol", new char[0], "10.0.0.1"));
        assertInstanceOf(ConsoleLogin.Outcome.Refused.class, login.signIn("carol", "any password at all".toCharArray(), "10.0.0.1"));
    }
}
