package dev.copilotgateway.security;

import dev.copilotgateway.persistence.ConsoleSession;
import dev.copilotgateway.persistence.ConsoleSessionRepository;
import dev.copilotgateway.persistence.ConsoleUser;
import dev.copilotgateway.persistence.ConsoleUserRepository;
import dev.copilotgateway.persistence.Database;
import dev.copilotgateway.persistence.DatabaseUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Console sessions, kept in the database so that every node sharing it knows them (no sticky sessions). A session is a
 * random token (the cookie's value, never stored: only its SHA-256) with a CSRF token of its own; it ends after
 * {@code idleTimeout} without use, at {@code maxAge} after sign-in whatever the use, when its user signs out or is
 * deleted, or when an admin revokes it (ended sessions are deleted when seen, and all of them at each sign-in). Signing in always starts a new session, so a token planted before sign-in
 * (session fixation) never becomes a signed-in one.
 */
public final class ConsoleSessionService {

    /** The cookie that carries a session's token: to the console's pages, and to the admin API (with the CSRF token). */
    public static final String COOKIE = "copilot_gateway_console";
    /** The header in which an admin API call made with a session cookie carries the session's CSRF token. */
    public static final String CSRF_HEADER = "X-CSRF-Token";

    /** A started session: the token for the cookie (shown only here) and what the console knows of it. */
    public record Started(String token, SignedIn session) {

        @Override
        public String toString() {
            return "Started[session=" + session + "]"; // never the token
        }
    }

    /** Who a valid session belongs to, and the CSRF token its forms must carry. */
    public record SignedIn(long sessionId, long userId, String username, ConsoleUser.Role role, String csrfToken, Instant expiresAt) {

        /** Whether a state-changing request carried this session's CSRF token (compared in constant time). */
        public boolean acceptsCsrf(String presented) {
            return presented != null && MessageDigest.isEqual(csrfToken.getBytes(StandardCharsets.US_ASCII),
                    presented.getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public String toString() {
            return "SignedIn[session=" + sessionId + ", user=" + username + ", role=" + role + "]"; // never the CSRF token
        }
    }

    /** A session as the console's session list shows it: no token, no CSRF token. */
    public record SessionView(long id, String username, Instant createdAt, Instant lastSeenAt, Instant expiresAt, String clientAddress,
                              String userAgent) {
    }

    /** Writing "last seen" on every page view would make every console request a database write; once a minute is enough. */
    static final Duration LAST_SEEN_RESOLUTION = Duration.ofMinutes(1);
    private static final int TOKEN_BYTES = 32;
    private static final int MAX_USER_AGENT = 300;
    private static final int MAX_ADDRESS = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Supplier<Optional<Database>> databases;
    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration maxAge;

    public ConsoleSessionService(Supplier<Optional<Database>> databases, Clock clock, Duration idleTimeout, Duration maxAge) {
        this.databases = databases;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.maxAge = maxAge;
    }

    /** A new session for the user {@code userId}, who has just proved who they are. */
    public Started start(long userId, String clientAddress, String userAgent) {
        String token = randomToken();
        String csrf = randomToken();
        Instant now = now();
        SignedIn session = database().inTransaction(entityManager -> {
            ConsoleUser user = new ConsoleUserRepository(entityManager).find(userId)
                    .orElseThrow(() -> new IllegalArgumentException("no console user " + userId));
            ConsoleSession started = new ConsoleSession(Hashes.sha256Hex(token), user, csrf, now, now.plus(maxAge));
            started.setClientAddress(cut(clientAddress, MAX_ADDRESS));
            started.setUserAgent(cut(userAgent, MAX_USER_AGENT));
            ConsoleSessionRepository sessions = new ConsoleSessionRepository(entityManager);
            sessions.removeEnded(now, now.minus(idleTimeout)); // the ended sessions nobody came back to go here
            sessions.add(started);
            entityManager.flush();
            return signedIn(started);
        });
        return new Started(token, session);
    }

    /** The signed-in user of the session {@code token}, if it is valid now; an ended session is deleted on sight. */
    public Optional<SignedIn> authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        Instant now = now();
        return database().inTransaction(entityManager -> {
            ConsoleSessionRepository sessions = new ConsoleSessionRepository(entityManager);
            Optional<ConsoleSession> found = sessions.findByTokenHash(Hashes.sha256Hex(token));
            if (found.isEmpty()) {
                return Optional.empty();
            }
            ConsoleSession session = found.get();
            if (!session.isValidAt(now) || idle(session, now) || !session.getUser().isEnabled()) {
                sessions.remove(session);
                return Optional.empty();
            }
            if (!session.getLastSeenAt().plus(LAST_SEEN_RESOLUTION).isAfter(now)) {
                session.touch(now);
            }
            return Optional.of(signedIn(session));
        });
    }

    /** Signs the session {@code token} out (nothing happens for an unknown token). */
    public void end(String token) {
        if (token == null || token.isEmpty()) {
            return;
        }
        database().runInTransaction(entityManager -> {
            ConsoleSessionRepository sessions = new ConsoleSessionRepository(entityManager);
            sessions.findByTokenHash(Hashes.sha256Hex(token)).ifPresent(sessions::remove);
        });
    }

    /** The sessions that have not ended, newest first. */
    public List<SessionView> list() {
        Instant now = now();
        return database().inTransaction(entityManager -> new ConsoleSessionRepository(entityManager).findLiveAt(now).stream()
                .filter(session -> !idle(session, now))
                .map(session -> new SessionView(session.getId(), session.getUser().getUsername(), session.getCreatedAt(),
                        session.getLastSeenAt(), session.getExpiresAt(), session.getClientAddress(), session.getUserAgent()))
                .toList());
    }

    /** Ends the session {@code id} (an admin's revocation); false when there is no such session. */
    public boolean revoke(long id) {
        return database().inTransaction(entityManager -> {
            ConsoleSessionRepository sessions = new ConsoleSessionRepository(entityManager);
            return sessions.find(id).map(session -> {
                sessions.remove(session);
                return true;
            }).orElse(false);
        });
    }

    /** Deletes every ended session; how many went. */
    public int purgeEnded() {
        Instant now = now();
        return database().inTransaction(entityManager -> new ConsoleSessionRepository(entityManager).removeEnded(now, now.minus(idleTimeout)));
    }

    private boolean idle(ConsoleSession session, Instant now) {
        return !session.getLastSeenAt().plus(idleTimeout).isAfter(now);
    }

    private static SignedIn signedIn(ConsoleSession session) {
        ConsoleUser user = session.getUser();
        return new SignedIn(session.getId(), user.getId(), user.getUsername(), user.getRole(), session.getCsrfToken(), session.getExpiresAt());
    }

    /** 256 random bits, URL-safe: fits a cookie and a hidden form field. */
    private static String randomToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private Database database() {
        return databases.get().orElseThrow(() -> new DatabaseUnavailableException("the database is not open"));
    }
}
