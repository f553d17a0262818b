package dev.copilotgateway.security;

import dev.copilotgateway.persistence.ConsoleUser;
import dev.copilotgateway.persistence.ConsoleUserRepository;
import dev.copilotgateway.persistence.Database;
import dev.copilotgateway.persistence.DatabaseUnavailableException;
import dev.copilotgateway.protocol.InvalidRequestException;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The people who may use the console: created with a password (stored only as a slow hash, {@link PasswordHashes}) and
 * a role, listed without any hash, deleted. Usernames are unique regardless of case. Methods needing the database throw
 * {@link DatabaseUnavailableException} while it is not open.
 */
public final class ConsoleUserService {

    /** What the admin API and the console show of a user: never the password hash. */
    public record ConsoleUserView(long id, String username, ConsoleUser.Role role, boolean enabled, Instant createdAt,
                                  Instant lastLoginAt) {
    }

    /** A user of that name exists already. */
    public static final class DuplicateUsernameException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        DuplicateUsernameException(String username) {
            super("A console user named '" + username + "' exists already", null, false, false);
        }
    }

    public static final int MIN_PASSWORD_LENGTH = 12;
    public static final int MAX_PASSWORD_LENGTH = 1024;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,99}");
    private static final Logger LOG = Logger.getLogger(ConsoleUserService.class.getName());

    private final Supplier<Optional<Database>> databases;
    private final PasswordHashes passwords;
    private final Clock clock;

    public ConsoleUserService(Supplier<Optional<Database>> databases, PasswordHashes passwords, Clock clock) {
        this.databases = databases;
        this.passwords = passwords;
        this.clock = clock;
    }

    /**
     * Creates a user who signs in with {@code password}.
     *
     * @throws InvalidRequestException    when a value is unusable (its message names the field)
     * @throws DuplicateUsernameException when the name is taken (in any case)
     */
    public ConsoleUserView create(String username, String password, ConsoleUser.Role role) {
        String name = checkedUsername(username);
        String hash = passwords.hash(checkedPassword(password).toCharArray()); // slow on purpose: before the transaction
        if (role == null) {
            throw new InvalidRequestException("role", "role is required: admin or viewer");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        ConsoleUserView view;
        try {
            view = database().inTransaction(entityManager -> {
                ConsoleUserRepository users = new ConsoleUserRepository(entityManager);
                if (users.findByUsername(name).isPresent()) {
                    throw new DuplicateUsernameException(name);
                }
                ConsoleUser user = new ConsoleUser(name, role, now);
                user.setPasswordHash(hash);
                users.add(user);
                entityManager.flush();
                return view(user);
            });
        } catch (PersistenceException failed) {
            // The unique constraint catches what the look-up cannot: the same name added on two nodes at once.
            if (database().inTransaction(entityManager -> new ConsoleUserRepository(entityManager).findByUsername(name)).isPresent()) {
                throw new DuplicateUsernameException(name);
            }
            throw failed;
        }
        LOG.info("Console user '" + name + "' (#" + view.id() + ", " + role.name().toLowerCase() + ") created");
        return view;
    }

    /** Every user, oldest first. */
    public List<ConsoleUserView> list() {
        return database().inTransaction(entityManager -> new ConsoleUserRepository(entityManager).findAll().stream()
                .map(ConsoleUserService::view).toList());
    }

    /** Whether any console user exists (until one does, the console offers its first-run setup). */
    public boolean anyUser() {
        return database().inTransaction(entityManager -> new ConsoleUserRepository(entityManager).any());
    }

    /** Deletes the user and, with it, their sessions; empty when there is no such user. */
    public Optional<ConsoleUserView> delete(long id) {
        Optional<ConsoleUserView> deleted = database().inTransaction(entityManager -> {
            ConsoleUserRepository users = new ConsoleUserRepository(entityManager);
            return users.find(id).map(user -> {
                ConsoleUserView view = view(user);
                users.remove(user);
                return view;
            });
        });
        deleted.ifPresent(user -> LOG.info("Console user '" + user.username() + "' (#" + id + ") deleted"));
        return deleted;
    }

    private static String checkedUsername(String username) {
        String name = username == null ? "" : username.strip();
        if (name.isEmpty()) {
            throw new InvalidRequestException("username", "username is required");
        }
        if (!USERNAME.matcher(name).matches()) {
            throw new InvalidRequestException("username", "username must be 1 to 100 letters, digits or . _ @ + - (starting with a letter or digit)");
        }
        return name;
    }

    private static String checkedPassword(String password) {
        if (password == null || password.isEmpty()) {
            throw new InvalidRequestException("password", "password is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH) {
            throw new InvalidRequestException("password", "password must be " + MIN_PASSWORD_LENGTH + " to " + MAX_PASSWORD_LENGTH
                    + " characters long");
        }
        return password;
    }

    private static ConsoleUserView view(ConsoleUser user) {
        return new ConsoleUserView(user.getId(), user.getUsername(), user.getRole(), user.isEnabled(), user.getCreatedAt(),
                user.getLastLoginAt());
    }

    private Database database() {
        return databases.get().orElseThrow(() -> new DatabaseUnavailableException("the database is not open"));
    }
}
