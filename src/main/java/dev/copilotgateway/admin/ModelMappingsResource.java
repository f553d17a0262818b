package dev.copilotgateway.admin;

import dev.copilotgateway.models.ModelMappingService;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.openai.OpenAiError;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Model mappings through the admin API: list ({@code GET}), add ({@code POST}, 201), replace ({@code PUT /{id}}) and
 * delete ({@code DELETE /{id}}, 204). A change applies on this node at once and on the others within
 * {@code shared-state-refresh}. Bad input is a 400 naming the field (from {@link dev.copilotgateway.api.InvalidRequestMapper}),
 * a second mapping from the same name a 409.
 */
@Singleton // one instance for all requests: no per-request creation and injection
@Path("admin/api/model-mappings")
@AdminApi
@Produces(MediaType.APPLICATION_JSON)
public final class ModelMappingsResource {

    private final ModelMappingService mappings;

    @Inject
    public ModelMappingsResource(ModelMappingService mappings) {
        this.mappings = mappings;
    }

    /** {@code {"data":[...]}}, like the other admin lists. */
    @GET
    public JsonObject list() {
        JsonArrayBuilder data = JsonIo.array();
        mappings.list().forEach(mapping -> data.add(json(mapping)));
        return JsonIo.object().add("data", data).build();
    }

    /** The body is read as text whatever its declared type, so a bare {@code curl -d '{...}'} works too. */
    @POST
    public Response create(String body, @Context UriInfo uri) {
        ModelMappingRequest request = ModelMappingRequest.parse(body);
        try {
            ModelMappingService.Mapping created = mappings.create(request.from(), request.to(), request.exposed());
            return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(created.id())).build()).entity(json(created)).build();
        } catch (ModelMappingService.DuplicateMappingException duplicate) {
            return conflict(duplicate);
        }
    }

    @PUT
    @Path("{id: [0-9]+}")
    public Response replace(@PathParam("id") long id, String body) {
        ModelMappingRequest request = ModelMappingRequest.parse(body);
        try {
            return mappings.replace(id, request.from(), request.to(), request.exposed())
                    .map(changed -> Response.ok(json(changed)).build())
                    .orElseGet(() -> notFound(id));
        } catch (ModelMappingService.DuplicateMappingException duplicate) {
            return conflict(duplicate);
        }
    }

    @DELETE
    @Path("{id: [0-9]+}")
    public Response delete(@PathParam("id") long id) {
        return mappings.delete(id) ? Response.noContent().build() : notFound(id);
    }

    private static JsonObject json(ModelMappingService.Mapping mapping) {
        return JsonIo.object()
                .add("id", mapping.id())
                .add("from", mapping.from())
                .add("to", mapping.to())
                .add("exposed", mapping.exposed())
                .add("createdAt", mapping.createdAt().toString())
                .add("updatedAt", mapping.updatedAt().toString())
                .build();
    }

    private static Response notFound(long id) {
        return OpenAiError.response(404, "There is no model mapping with id " + id, "invalid_request_error", "model_mapping_not_found");
    }

    private static Response conflict(ModelMappingService.DuplicateMappingException duplicate) {
        return OpenAiError.response(409, new OpenAiError.Detail(duplicate.getMessage(), "invalid_request_error", "from", "model_mapping_exists"));
    }
}
