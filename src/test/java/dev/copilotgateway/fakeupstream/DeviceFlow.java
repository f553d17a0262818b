package dev.copilotgateway.fakeupstream;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** GitHub's OAuth device flow (UPSTREAM §2): issues device codes and answers polls from their scripts. */
final class DeviceFlow {

    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";
    private static final String ERROR_URI =
            "https://docs.github.com/developers/apps/authorizing-oauth-apps#error-codes-for-the-device-flow";

    /** One issued device code. */
    private record Session(DeviceFlowScript script, Instant expiresAt, AtomicInteger polls, AtomicInteger interval) {
    }

    private final Queue<DeviceFlowScript> scripts = new ConcurrentLinkedQueue<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private volatile int intervalSeconds;
    private volatile int expiresInSeconds = 900;
    private final Clock clock;

    DeviceFlow(Clock clock) {
        this.clock = clock;
    }

    void enqueue(DeviceFlowScript script) {
        scripts.add(script);
    }

    /** Tests want 0 or 1 s polling; the real values are 5 s and 900 s. */
    void setTiming(int interval, int expiresIn) {
        intervalSeconds = interval;
        expiresInSeconds = expiresIn;
    }

    void reset() {
        scripts.clear();
        sessions.clear();
        setTiming(0, 900);
    }

    /**
     * Answers {@code POST /login/device/code}.
     *
     * @param fallback the script used when none is queued
     */
    JsonObject start(String verificationUri, DeviceFlowScript fallback) {
        DeviceFlowScript script = Optional.ofNullable(scripts.poll()).orElse(fallback);
        String deviceCode = RandomHex.of(20);
        int interval = intervalSeconds;
        int expiresIn = expiresInSeconds;
        sessions.put(deviceCode, new Session(script, clock.instant().plusSeconds(expiresIn),
                new AtomicInteger(), new AtomicInteger(interval)));
        return Jsons.object()
                .add("device_code", deviceCode)
                .add("user_code", userCode())
                .add("verification_uri", verificationUri)
                .add("expires_in", expiresIn)
                .add("interval", interval)
                .build();
    }

    /** Answers {@code POST /login/oauth/access_token}; GitHub uses HTTP 200 with an {@code error} member while not granted. */
    JsonObject poll(String deviceCode, String grantType) {
        if (!GRANT_TYPE.equals(grantType)) {
            return error("unsupported_grant_type", "The grant type must be " + GRANT_TYPE + ".").build();
        }
        Session session = deviceCode == null ? null : sessions.get(deviceCode);
        if (session == null) {
            return error("incorrect_device_code", "The device_code provided is not valid.").build();
        }
        if (!clock.instant().isBefore(session.expiresAt())) {
            return error("expired_token", "The device_code has expired.").build();
        }
        DeviceFlowScript.Poll poll = session.script().poll(session.polls().getAndIncrement());
        return switch (poll.step()) {
            case PENDING -> error("authorization_pending", "The authorization request is still pending.").build();
            case SLOW_DOWN -> {
                int interval = poll.newInterval() >= 0 ? poll.newInterval() : session.interval().get() + 5;
                session.interval().set(interval);
                yield error("slow_down", "Too many requests have been made in the same timeframe.")
                        .add("interval", interval).build();
            }
            case EXPIRED -> error("expired_token", "The device_code has expired.").build();
            case DENIED -> error("access_denied", "The authorization request was denied.").build();
            case GRANTED -> Jsons.object()
                    .add("access_token", session.script().grantedToken())
                    .add("token_type", "bearer")
                    .add("scope", "read:user")
                    .build();
        };
    }

    private static JsonObjectBuilder error(String error, String description) {
        return Jsons.object()
                .add("error", error)
                .add("error_description", description)
                .add("error_uri", ERROR_URI);
    }

    private static String userCode() {
        String letters = "BCDFGHJKLMNPQRSTVWXZ";
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            code.append(i == 4 ? "-" : "").append(letters.charAt(ThreadLocalRandom.current().nextInt(letters.length())));
        }
        return code.toString();
    }
}
