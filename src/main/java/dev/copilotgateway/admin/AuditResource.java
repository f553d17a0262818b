package dev.copilotgateway.admin;

import dev.copilotgateway.audit.AuditLog;
import dev.copilotgateway.persistence.AuditEvent;
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
import java.util.Objects;

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
        Instant start = Objects.requireNonNullElse(QueryValues.time("from", from), Instant.EPOCH);
        Instant end = Objects.requireNonNullElseGet(QueryValues.time("to", to), () -> clock.instant().plusSeconds(1));
        JsonArrayBuilder data = JsonIo.array();
        audit.find(start, end, actor == null || actor.isBlank() ? null : actor.strip(),
                QueryValues.limit(limit, DEFAULT_LIMIT, AuditLog.MAX_LIMIT)).forEach(event -> data.add(json(event)));
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
}
