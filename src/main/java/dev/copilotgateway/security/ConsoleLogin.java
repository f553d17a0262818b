package dev.copilotgateway.security;

import dev.copilotgateway.persistence.ConsoleUser;
import dev.copilotgateway.persistence.ConsoleUserRepository;
import dev.copilotgateway.persistence.Database;
import dev.copilotgateway.persistence.DatabaseUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Signing in to the console with a username and password, throttled twice: per user (consecutive failures lock the
 * user for a while that doubles, kept in the database so every node honours it) and per client address (on this node,
 * {@link AddressThrottle}). A wrong name and a wrong password look and take the same: both cost one password hash.
 */
public final class ConsoleLogin {

    /** What a sign-in attempt came to. */
    public sealed interface Outcome {
        /** The password was right: start a session for {@code userId}. */
        record Accepted(long userId) implements Outcome {
        }

        /** Wrong username or password (which one is not said). */
        record Refused() implements Outcome {
        }

        /** Too many failures: try again after {@code retryAfter}; the password was not checked. */
        record Throttled(Duration retryAfter) implements Outcome {
        }
    }

    /** Consecutive failures a user may have before the lock starts. */
    static final int FREE_FAILURES = 5;
    static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    static final Duration LONGEST_LOCK = Duration.ofMinutes(15);
    private static final Logger LOG = Logger.getLogger(ConsoleLogin.class.getName());

    private final Supplier<Optional<Database>> databases;
    private final PasswordHashes passwords;
    private final AddressThrottle addresses;
    private final Clock clock;
    /** Checked when the user does not exist, so that a wrong name costs what a wrong password costs; made on first use. */
    private volatile String decoyHash;

    public ConsoleLogin(Supplier<Optional<Database>> databases, PasswordHashes passwords, Clock clock) {
        this(databases, passwords, clock, new AddressThrottle(clock, 20, Duration.ofMinutes(10), 10_000));
    }

    ConsoleLogin(Supplier<Optional<Database>> databases, PasswordHashes passwords, Clock clock, AddressThrottle addresses) {
        this.databases = databases;
        this.passwords = passwords;
        this.clock = clock;
        this.addresses = addresses;
    }

    public Outcome signIn(String username, char[] password, String clientAddress) {
        Duration addressWait = addresses.wait(clientAddress);
        if (!addressWait.isZero()) {
            return new Outcome.Throttled(addressWait);
        }
        Instant now = clock.instant();
        Optional<ConsoleUser> found = username == null ? Optional.empty()
                : database().inTransaction(entityManager -> new ConsoleUserRepository(entityManager).findByUsername(username.strip()));
        Optional<ConsoleUser> user = found.filter(ConsoleUser::isEnabled).filter(candidate -> candidate.getPasswordHash() != null)
                .filter(candidate -> !candidate.isSso()); // an SSO user never signs in with a password
        if (user.isPresent() && user.get().getLockedUntil() != null && now.isBefore(user.get().getLockedUntil())) {
            return new Outcome.Throttled(Duration.between(now, user.get().getLockedUntil()));
        }
        boolean right = passwords.matches(password, user.map(ConsoleUser::getPasswordHash).orElseGet(this::decoyHash)) && user.isPresent();
        if (!right) {
            addresses.failed(clientAddress);
            user.ifPresent(this::recordFailure);
            return new Outcome.Refused();
        }
        addresses.succeeded(clientAddress);
        long id = user.get().getId();
        database().runInTransaction(entityManager -> new ConsoleUserRepository(entityManager).find(id).ifPresent(signedIn -> signedIn.recordLogin(now)));
        return new Outcome.Accepted(id);
    }

    private String decoyHash() {
        if (decoyHash == null) {
            decoyHash = passwords.hash("not anyone's password".toCharArray());
        }
        return decoyHash;
    }

    private void recordFailure(ConsoleUser user) {
        Instant now = clock.instant();
        database().runInTransaction(entityManager -> new ConsoleUserRepository(entityManager).find(user.getId()).ifPresent(stored -> {
            Instant lockUntil = lockUntil(stored.getFailedLogins() + 1, now);
            stored.recordFailedLogin(lockUntil);
            if (lockUntil != null) {
                LOG.warning("Console user '" + stored.getUsername() + "' locked until " + lockUntil + " after "
                        + stored.getFailedLogins() + " failed sign-ins");
            }
        }));
    }

    /** Null while the failures are few; then 30 s, doubling with each further failure, at most 15 minutes. */
    static Instant lockUntil(int consecutiveFailures, Instant now) {
        if (consecutiveFailures < FREE_FAILURES) {
            return null;
        }
        int doublings = Math.min(consecutiveFailures - FREE_FAILURES, 10);
        Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
        return now.plus(lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock);
    }

    private Database database() {
        return databases.get().orElseThrow(() -> new DatabaseUnavailableException("the database is not open"));
    }
}
