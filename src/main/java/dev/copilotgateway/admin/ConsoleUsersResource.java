package dev.copilotgateway.admin;

import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.openai.OpenAiError;
import dev.copilotgateway.security.ConsoleUserService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DELETE;
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
import java.util.Locale;

/**
 * The console's users through the admin API: create ({@code POST}, 201), list ({@code GET}, never a password hash) and
 * delete ({@code DELETE /{id}}, which ends the user's sessions). Bad input is a 400 naming the field; a name taken in
 * any case is a 409.
 */
@Singleton // one instance for all requests: no per-request creation and injection
@Path("admin/api/console-users")
@AdminApi
@Produces(MediaType.APPLICATION_JSON)
public final class ConsoleUsersResource {

    private final ConsoleUserService users;

    @Inject
    public ConsoleUsersResource(ConsoleUserService users) {
        this.users = users;
    }

    /** {@code {"data":[...]}}, like the other admin lists. */
    @GET
    public JsonObject list() {
        JsonArrayBuilder data = JsonIo.array();
        users.list().forEach(user -> data.add(json(user)));
        return JsonIo.object().add("data", data).build();
    }

    /** The body is read as text whatever its declared type, so a bare {@code curl -d '{...}'} works too. */
    @POST
    public Response create(String body, @Context UriInfo uri) {
        ConsoleUserRequest request = ConsoleUserRequest.parse(body);
        try {
            ConsoleUserService.ConsoleUserView created = users.create(request.username(), request.password(), request.role());
            return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(created.id())).build()).entity(json(created)).build();
        } catch (ConsoleUserService.DuplicateUsernameException duplicate) {
            return OpenAiError.response(409, duplicate.getMessage(), "invalid_request_error", "console_user_exists");
        }
    }

    @DELETE
    @Path("{id: [0-9]+}")
    public Response delete(@PathParam("id") long id) {
        if (users.delete(id).isEmpty()) {
            return OpenAiError.response(404, "There is no console user with id " + id, "invalid_request_error", "console_user_not_found");
        }
        return Response.noContent().build();
    }

    private static JsonObject json(ConsoleUserService.ConsoleUserView user) {
        JsonObjectBuilder json = JsonIo.object()
                .add("id", user.id())
                .add("username", user.username())
                .add("role", user.role().name().toLowerCase(Locale.ROOT))
                .add("enabled", user.enabled())
                .add("createdAt", user.createdAt().toString());
        return time(json, "lastLoginAt", user.lastLoginAt()).build();
    }

    private static JsonObjectBuilder time(JsonObjectBuilder json, String field, Instant time) {
        return time == null ? json.addNull(field) : json.add(field, time.toString());
    }
}
