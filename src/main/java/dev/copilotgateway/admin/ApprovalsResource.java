package dev.copilotgateway.admin;

import dev.copilotgateway.approval.ApprovalService;
import dev.copilotgateway.approval.Decision;
import dev.copilotgateway.approval.PendingRequest;
import dev.copilotgateway.approval.UnknownApprovalException;
import dev.copilotgateway.audit.Actor;
import dev.copilotgateway.protocol.InvalidRequestException;
import dev.copilotgateway.protocol.JsonIo;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Manual approval: {@code GET /admin/api/approvals} lists the requests waiting on every node (no bodies), and
 * {@code POST /admin/api/approvals/{id}} with {@code {"decision":"approve"|"deny"}} decides one, whichever node holds
 * it (404 when none waits under that id: unknown, decided, or timed out).
 */
@AdminApi
@Singleton
@Path("admin/api/approvals")
@Produces(MediaType.APPLICATION_JSON)
public final class ApprovalsResource {

    private static final List<String> FIELDS = List.of("decision");

    private final ApprovalService approvals;

    @Inject
    public ApprovalsResource(ApprovalService approvals) {
        this.approvals = approvals;
    }

    /** {@code {"data":[...]}}, oldest first. */
    @GET
    public JsonObject list() {
        JsonArrayBuilder data = JsonIo.array();
        approvals.waiting().forEach(pending -> data.add(json(pending)));
        return JsonIo.object().add("data", data).build();
    }

    /** The body is read as text whatever its declared type, so a bare {@code curl -d '{...}'} works too. */
    @POST
    @Path("{id}")
    public Response decide(@PathParam("id") String id, String body, @Context ContainerRequestContext request) {
        String decision = JsonBody.parse(body, FIELDS, "{\"decision\":\"approve\"}").string("decision");
        Decision chosen = Decision.fromWireName(decision == null ? "" : decision).orElseThrow(() ->
                new InvalidRequestException("decision", "decision must be 'approve' or 'deny'"));
        try {
            approvals.decide(id, chosen, who(request));
        } catch (UnknownApprovalException unknown) {
            return AdminErrors.notFound(unknown.getMessage());
        }
        return Response.ok(JsonIo.object().add("id", id).add("decision", chosen.wireName()).build()).build();
    }

    /** Who decided, for the log: the console user, or the admin API key (which names no one); left by {@link AdminAuthFilter}. */
    private static String who(ContainerRequestContext request) {
        return request.getProperty(Actor.PROPERTY) instanceof Actor actor && Actor.CONSOLE_USER.equals(actor.kind())
                ? "console user " + actor.name() : "the admin API key";
    }

    private static JsonObject json(PendingRequest pending) {
        JsonObjectBuilder json = JsonIo.object()
                .add("id", pending.id())
                .add("time", pending.time().toString())
                .add("expiresAt", pending.expiresAt().toString())
                .add("ingress", pending.request().ingress())
                .add("stream", pending.request().stream());
        if (pending.request().keyId() != null) {
            json.add("keyId", pending.request().keyId());
        }
        text(json, "keyPrefix", pending.request().keyPrefix());
        text(json, "owner", pending.request().owner());
        text(json, "model", pending.request().model());
        text(json, "remoteAddress", pending.request().remoteAddress());
        return json.build();
    }

    private static void text(JsonObjectBuilder json, String field, String value) {
        if (value != null) {
            json.add(field, value);
        }
    }
}
