package dev.copilotgateway.api;

import dev.copilotgateway.models.CopilotModel;
import dev.copilotgateway.models.ModelCatalog;
import dev.copilotgateway.models.ModelMappingService;
import dev.copilotgateway.models.ModelMappings;
import dev.copilotgateway.models.OpenAiModelList;
import dev.copilotgateway.protocol.openai.OpenAiException;
import dev.copilotgateway.security.Caller;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /v1/models} (and {@code /models}) and {@code GET /v1/models/{id}}: Copilot's catalogue in OpenAI's shape,
 * with each exposed model mapping listed under its {@code from} and its target's capabilities.
 */
@Singleton // one instance for all requests: no per-request creation and injection
@Path("/")
@PublicApi
@Produces(MediaType.APPLICATION_JSON)
public final class ModelsResource {

    private final ModelCatalog catalog;
    private final ModelMappingService mappings;

    @Inject
    public ModelsResource(ModelCatalog catalog, ModelMappingService mappings) {
        this.catalog = catalog;
        this.mappings = mappings;
    }

    @GET
    @Path("{version: (v1/)?}models")
    public void list(@Context ContainerRequestContext request, @Suspended AsyncResponse async) {
        Caller caller = caller(request);
        catalog.snapshot(caller.boundAccountId()).whenComplete((snapshot, failure) -> async.resume(failure != null
                ? failure(failure)
                : Response.ok(OpenAiModelList.list(mappings.current().listing(snapshot.models()).stream()
                                .filter(model -> caller.mayUse(model.id())).toList()).toString(), // only a key's allowed models
                        MediaType.APPLICATION_JSON_TYPE).build()));
    }

    @GET
    @Path("{version: (v1/)?}models/{id}")
    public void retrieve(@PathParam("id") String id, @Context ContainerRequestContext request, @Suspended AsyncResponse async) {
        Caller caller = caller(request);
        if (!caller.mayUse(id)) { // as if it did not exist, as the list does not show it
            async.resume(single(id, Optional.empty()));
            return;
        }
        find(id, caller.boundAccountId()).whenComplete((found, failure) -> async.resume(failure != null ? failure(failure) : single(id, found)));
    }

    /** A key bound to one account sees that account's models, a pool key the union of the pool's; a key's allow-list narrows them. */
    private static Caller caller(ContainerRequestContext request) {
        return Caller.of(request).orElse(Caller.anonymous());
    }

    /** The model {@code id} names: a mapping's target under the mapping's name (none if the mapping is not exposed), else Copilot's. */
    private CompletableFuture<Optional<CopilotModel>> find(String id, Long boundAccountId) {
        Optional<ModelMappings.Entry> mapping = mappings.current().entry(id);
        if (mapping.isEmpty()) {
            return catalog.find(id, boundAccountId);
        }
        if (!mapping.get().exposed()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return catalog.find(mapping.get().to(), boundAccountId)
                .thenApply(found -> found.map(model -> ModelMappings.renamed(model, mapping.get().from())));
    }

    private static Response single(String id, Optional<CopilotModel> found) {
        if (found.isEmpty() || !OpenAiModelList.listed(found.get())) {
            return new OpenAiException(404, "The model '" + id + "' does not exist", "invalid_request_error", "model", "model_not_found").getResponse();
        }
        return Response.ok(OpenAiModelList.model(found.get()).toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Response failure(Throwable failure) {
        return PlanRunner.response(ApiDialect.OPENAI_CHAT.failure(failure));
    }
}
