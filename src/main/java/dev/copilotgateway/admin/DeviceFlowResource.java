package dev.copilotgateway.admin;

import dev.copilotgateway.github.AccountOptions;
import dev.copilotgateway.github.DeviceFlowService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Adding an account by GitHub's device flow: start one (the operator enters the user code at the verification
 * URI), then follow its status. A flow's status is known to the node that started it.
 */
@AdminApi
@Singleton // one instance for all requests: no per-request creation and injection
@Path("admin/api/accounts/device-flow")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class DeviceFlowResource {

    /** The optional body of the start call. */
    public record StartRequest(String accountType, String enterpriseHost) {
    }

    /** A started flow; {@code interval} is GitHub's polling interval in seconds. */
    public record StartedView(String id, String userCode, String verificationUri, Instant expiresAt, long interval) {
    }

    /**
     * @param status    {@code pending}, {@code granted}, {@code expired}, {@code denied} or {@code failed}
     * @param accountId the account stored, when granted
     * @param reason    what went wrong, when failed
     */
    public record StatusView(String id, String status, Long accountId, String reason) {
    }

    private final DeviceFlowService deviceFlows;

    @Inject
    public DeviceFlowResource(DeviceFlowService deviceFlows) {
        this.deviceFlows = deviceFlows;
    }

    @POST
    public CompletionStage<Response> start(StartRequest body, @Context UriInfo uri) {
        AccountOptions options;
        try {
            options = body == null ? AccountOptions.NONE : AccountOptions.parse(body.accountType(), body.enterpriseHost(), null);
        } catch (IllegalArgumentException invalid) {
            return CompletableFuture.completedFuture(AdminErrors.badRequest(invalid.getMessage()));
        }
        return deviceFlows.start(options).handle((started, failure) -> {
            if (failure != null) {
                return AdminErrors.fromFailure(failure);
            }
            StartedView view = new StartedView(started.id(), started.userCode(), started.verificationUri().toString(),
                    started.expiresAt(), started.interval().toSeconds());
            return Response.created(uri.getAbsolutePathBuilder().path(started.id()).build()).entity(view).build();
        });
    }

    @GET
    @Path("{id}")
    public Response status(@PathParam("id") String id) {
        return deviceFlows.status(id)
                .map(status -> Response.ok(view(id, status)).build())
                .orElseGet(() -> AdminErrors.notFound("No device flow " + id + " on this node (never started here, or ended long ago)"));
    }

    private static StatusView view(String id, DeviceFlowService.Status status) {
        if (status instanceof DeviceFlowService.Status.Granted granted) {
            return new StatusView(id, "granted", granted.accountId(), null);
        }
        if (status instanceof DeviceFlowService.Status.Failed failed) {
            return new StatusView(id, "failed", null, failed.reason());
        }
        String name = status instanceof DeviceFlowService.Status.Expired ? "expired"
                : status instanceof DeviceFlowService.Status.Denied ? "denied" : "pending";
        return new StatusView(id, name, null, null);
    }
}
