package dev.copilotgateway.security;

import dev.copilotgateway.persistence.ConsoleUser;
import dev.copilotgateway.persistence.ConsoleUserRepository;
import dev.copilotgateway.persistence.Database;
import dev.copilotgateway.persistence.DatabaseUnavailableException;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The console user behind an SSO identity: made on their first SSO sign-in (marked SSO, no password, so a password
 * sign-in never succeeds for them), given the role their groups map to at every SSO sign-in. A local user of the same
 * name (one with a password) is never taken over by SSO: that would let the proxy's header become any local admin.
 */
public final class SsoUserProvisioning {

    /** What an SSO sign-in came to. */
    public sealed interface Outcome {
        /** Signed in as {@code userId} with {@code role}. */
        record Allowed(long userId, ConsoleUser.Role role) implements Outcome {
        }

        /** No access: {@code reason} is {@code no-role}, {@code disabled} or {@code local-user}. */
        record Denied(String reason) implements Outcome {
        }
    }

    private static final Logger LOG = Logger.getLogger(SsoUserProvisioning.class.getName());

    private final Supplier<Optional<Database>> databases;
    private final Clock clock;

    public SsoUserProvisioning(Supplier<Optional<Database>> databases, Clock clock) {
        this.databases = databases;
        this.clock = clock;
    }

    /** Signs {@code identity} in: provisions or updates its console user; a user whose groups give no role is denied. */
    public Outcome signIn(SsoIdentities.Decision.Identified identity) {
        try {
            return attempt(identity);
        } catch (PersistenceException raced) {
            return attempt(identity); // another node provisioned the same user at the same moment: now it exists
        }
    }

    private Outcome attempt(SsoIdentities.Decision.Identified identity) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String name = identity.username();
        return database().inTransaction(entityManager -> {
            ConsoleUserRepository users = new ConsoleUserRepository(entityManager);
            Optional<ConsoleUser> found = users.findByUsername(name);
            if (found.isPresent() && !found.get().isSso()) {
                LOG.warning("SSO sign-in as '" + name + "' refused: a console user of that name signs in with a password");
                return new Outcome.Denied("local-user");
            }
            if (identity.role().isEmpty()) {
                return new Outcome.Denied("no-role");
            }
            ConsoleUser.Role role = identity.role().get();
            ConsoleUser user;
            if (found.isEmpty()) {
                user = new ConsoleUser(name, role, now);
                user.markSso();
                users.add(user);
                LOG.info("Console user '" + name + "' (" + role.name().toLowerCase() + ") provisioned by single sign-on");
            } else {
                user = found.get();
                if (!user.isEnabled()) {
                    return new Outcome.Denied("disabled");
                }
                if (user.getRole() != role) {
                    LOG.info("Console user '" + name + "' is now " + role.name().toLowerCase() + " (SSO groups)");
                    user.setRole(role);
                }
            }
            user.recordLogin(now);
            entityManager.flush();
            return new Outcome.Allowed(user.getId(), role);
        });
    }

    private Database database() {
        return databases.get().orElseThrow(() -> new DatabaseUnavailableException("the database is not open"));
    }
}
