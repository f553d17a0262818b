package dev.copilotgateway.admin;

import dev.copilotgateway.audit.Actor;
import dev.copilotgateway.audit.AuditChanges;
import dev.copilotgateway.audit.AuditEntry;
import dev.copilotgateway.audit.AuditLog;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.Set;

/**
 * Audits every state-changing admin API call ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) that got past
 * authentication, whatever its outcome: who ({@link Actor}, left by {@link AdminAuthFilter}), what (method, path, the
 * id acted on, the fields sent — {@link AuditChanges}, no secret values), when, and from where. One filter for every
 * admin resource, present and future: a new endpoint is audited without anyone remembering to.
 */
@AdminApi
@Priority(Priorities.USER) // after AdminAuthFilter
public final class AuditFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Set<String> CHANGING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
    private static final String CHANGES = AuditFilter.class.getName() + ".changes";
    /** Admin request bodies are small; a larger one is audited by its field names up to here. */
    private static final int MAX_BODY = 64 * 1024;

    private final AuditLog audit;

    @Inject
    public AuditFilter(AuditLog audit) {
        this.audit = audit;
    }

    /** Reads the body's field names before the resource does, and puts the body back for it. */
    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (!CHANGING.contains(request.getMethod()) || !request.hasEntity()) {
            return;
        }
        byte[] body = request.getEntityStream().readNBytes(MAX_BODY + 1);
        byte[] rest = body.length > MAX_BODY ? request.getEntityStream().readAllBytes() : new byte[0];
        byte[] whole = new byte[body.length + rest.length];
        System.arraycopy(body, 0, whole, 0, body.length);
        System.arraycopy(rest, 0, whole, body.length, rest.length);
        request.setEntityStream(new ByteArrayInputStream(whole));
        request.setProperty(CHANGES, AuditChanges.ofJson(body.length > MAX_BODY ? null : body));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!CHANGING.contains(request.getMethod()) || !(request.getProperty(Actor.PROPERTY) instanceof Actor actor)) {
            return; // reading, or refused before anyone was known (no key, a wrong key)
        }
        String path = "/" + request.getUriInfo().getPath();
        String target = AuditEntry.idIn(path);
        if (target == null && response.getStatus() == 201) {
            target = createdId(response);
        }
        audit.record(new AuditEntry(actor, AuditEntry.API, AuditEntry.action(request.getMethod(), path), target,
                (String) request.getProperty(CHANGES), response.getStatus(), (String) request.getProperty(AuditEntry.REMOTE_ADDRESS_ATTRIBUTE)));
    }

    /** The id of what a POST created: the last segment of its Location, else the {@code id} of the JSON answer. */
    private static String createdId(ContainerResponseContext response) {
        URI location = response.getLocation();
        if (location != null && location.getPath() != null) {
            String path = location.getPath();
            return path.substring(path.lastIndexOf('/') + 1);
        }
        if (response.getEntity() instanceof JsonObject json) {
            JsonValue id = json.get("id");
            return id instanceof JsonNumber number ? number.toString() : id instanceof JsonString text ? text.getString() : null;
        }
        return null;
    }
}
