package dev.copilotgateway.admin;

import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.security.KeyChanges;
import dev.copilotgateway.security.KeyLimits;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/**
 * A key's {@code limits} object in the admin API: {@code {"requestsPerMinute": 60, "tokensPerDay": 1000000,
 * "concurrentRequests": 4}}, each a positive whole number or null (no limit). Unknown fields are refused, naming
 * {@code limits.<field>}; the ranges are checked by {@link dev.copilotgateway.security.ApiKeyService}.
 */
final class KeyLimitsJson {

    static final String REQUESTS_PER_MINUTE = "requestsPerMinute";
    static final String TOKENS_PER_DAY = "tokensPerDay";
    static final String CONCURRENT_REQUESTS = "concurrentRequests";
    static final List<String> FIELDS = List.of(REQUESTS_PER_MINUTE, TOKENS_PER_DAY, CONCURRENT_REQUESTS);

    private KeyLimitsJson() {
    }

    /** The limits a new key gets: those given; absent or null fields (and no object at all) are no limit. */
    static KeyLimits parse(JsonBody body, String field) {
        JsonBody limits = body.object(field, FIELDS);
        if (limits == null) {
            return KeyLimits.NONE;
        }
        return new KeyLimits(integer(limits.wholeNumber(REQUESTS_PER_MINUTE)), limits.wholeNumber(TOKENS_PER_DAY),
                integer(limits.wholeNumber(CONCURRENT_REQUESTS)));
    }

    /**
     * A PATCH's limits: a field given changes that limit (null clears it), an absent one keeps it; {@code "limits": null}
     * clears them all.
     */
    static KeyChanges limitChanges(JsonBody body, String field, KeyChanges changes) {
        if (!body.has(field)) {
            return changes;
        }
        JsonBody limits = body.object(field, FIELDS);
        if (limits == null) {
            return new KeyChanges(changes.name(), changes.owner(), new KeyChanges.Change<>(null), new KeyChanges.Change<>(null),
                    new KeyChanges.Change<>(null), changes.models());
        }
        return new KeyChanges(changes.name(), changes.owner(),
                limits.has(REQUESTS_PER_MINUTE) ? new KeyChanges.Change<>(integer(limits.wholeNumber(REQUESTS_PER_MINUTE))) : null,
                limits.has(TOKENS_PER_DAY) ? new KeyChanges.Change<>(limits.wholeNumber(TOKENS_PER_DAY)) : null,
                limits.has(CONCURRENT_REQUESTS) ? new KeyChanges.Change<>(integer(limits.wholeNumber(CONCURRENT_REQUESTS))) : null,
                changes.models());
    }

    /** The view: every field present, null where there is no limit. */
    static JsonObjectBuilder json(KeyLimits limits) {
        JsonObjectBuilder json = JsonIo.object();
        number(json, REQUESTS_PER_MINUTE, limits.requestsPerMinute());
        number(json, TOKENS_PER_DAY, limits.tokensPerDay());
        number(json, CONCURRENT_REQUESTS, limits.concurrentRequests());
        return json;
    }

    private static void number(JsonObjectBuilder json, String field, Number value) {
        if (value == null) {
            json.addNull(field);
        } else {
            json.add(field, value.longValue());
        }
    }

    /** Out-of-range values stay out of range (the service refuses them) rather than wrapping around. */
    private static Integer integer(Long value) {
        return value == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }
}
