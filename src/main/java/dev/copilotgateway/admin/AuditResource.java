package dev.copilotgateway.admin;

import dev.copilotgateway.audit.AuditLog;
import dev.copilotgateway.persistence.AuditEvent;
import dev.copilotgateway.protocol.InvalidRequestException;
import dev.copilotgateway.protocol.JsonIo;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@code GET /admin/api/audit?from=&to=&actor=&limit=}: the audit log, newest first, as {@code {"data":[…]}}.
 * {@code from} and {@code to} are ISO-8601 instants (default: everything up to now), {@code actor} a console user's name
 * or {@code admin-api-key}, {@code limit} 1 to {@value AuditLog#MAX_LIMIT} (default 100).
 */
@AdminApi
@Singleton
@Path("admin/api/audit")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {

    static final int DEFAULT_LIMIT = 100;

    private final AuditLog audit;
    private final Clock clock;

    @Inject
    public AuditResource(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    @GET
    public JsonObject list(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("actor") String actor,
                           @QueryParam("limit") String limit) {
        Instant start = instant("from", from, Instant.EPOCH);
        Instant end = instant("to", to, clock.instant().plusSeconds(1));
        JsonArrayBuilder data = JsonIo.array();
        audit.find(start, end, actor == null || actor.isBlank() ? null : actor.strip(), limit(limit)).forEach(event -> data.add(json(event)));
        return JsonIo.object().add("data", data).build();
    }

    static JsonObject json(AuditEvent event) {
        JsonObjectBuilder json = JsonIo.object()
                .add("id", event.getId())
                .add("time", event.getOccurredAt().toString())
                .add("actorKind", event.getActorKind())
                .add("actor", event.getActor())
                .add("channel", event.getChannel())
                .add("action", event.getAction())
                .add("status", event.getStatus());
        if (event.getTarget() != null) {
            json.add("target", event.getTarget());
        }
        if (event.getChanges() != null) {
            try {
                json.add("changes", JsonIo.read(event.getChanges()));
            } catch (JsonException unreadable) {
                json.add("changes", event.getChanges());
            }
        }
        if (event.getRemoteAddress() != null) {
            json.add("remoteAddress", event.getRemoteAddress());
        }
        return json.build();
    }

    private static Instant instant(String param, String value, Instant absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException invalid) {
            throw new InvalidRequestException(param, param + " must be an ISO-8601 instant such as 2026-12-05T10:00:00Z");
        }
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= AuditLog.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new InvalidRequestException("limit", "limit must be a whole number from 1 to " + AuditLog.MAX_LIMIT);
    }
}
