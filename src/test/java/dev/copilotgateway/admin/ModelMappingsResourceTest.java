package dev.copilotgateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.startup.Gateway;
import dev.copilotgateway.startup.InMemoryApi;
import dev.copilotgateway.startup.InMemoryGateway;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /admin/api/model-mappings} in memory on a real {@link Gateway}. */
class ModelMappingsResourceTest {

    private static final String ADMIN_KEY = "admin-key-for-the-mapping-tests-0123";
    private static final String CLIENT_KEY = "client-key-for-the-mapping-tests-0123";
    private static final String MAPPINGS = "/admin/api/model-mappings";

    @TempDir
    Path dataDir;

    private InMemoryGateway fixture;
    private Gateway gateway;
    private InMemoryApi api;

    @BeforeEach
    void start() {
        fixture = InMemoryGateway.start(dataDir, ADMIN_KEY, CLIENT_KEY);
        gateway = fixture.gateway();
        api = fixture.api();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private InMemoryApi.Reply send(String method, String path, String json) throws Exception {
        return fixture.asAdmin(method, path, json);
    }

    private List<JsonObject> list() throws Exception {
        InMemoryApi.Reply reply = send("GET", MAPPINGS, null);
        assertEquals(200, reply.status(), reply.body());
        return reply.json().getJsonArray("data").getValuesAs(JsonObject.class);
    }

    private static JsonObject error(InMemoryApi.Reply reply) {
        return reply.json().getJsonObject("error");
    }

    @Test
    void mappingsAreCreatedListedReplacedAndDeleted() throws Exception {
        InMemoryApi.Reply created = send("POST", MAPPINGS, "{\"from\":\"team-fast\",\"to\":\"gpt-4.1\"}");
        assertEquals(201, created.status(), created.body());
        JsonObject view = created.json();
        long id = view.getJsonNumber("id").longValue();
        assertEquals(List.of("id", "from", "to", "exposed", "createdAt", "updatedAt"), List.copyOf(view.keySet()));
        assertEquals("team-fast", view.getString("from"));
        assertEquals("gpt-4.1", view.getString("to"));
        assertTrue(view.getBoolean("exposed"), "exposed defaults to true");
        assertEquals(view.getString("createdAt"), view.getString("updatedAt"));
        Instant.parse(view.getString("createdAt"));
        assertTrue(created.header("Location").endsWith(MAPPINGS + "/" + id), created.header("Location"));
        assertEquals(Optional.of("gpt-4.1"), gateway.modelMappings().current().target("team-fast"), "in force on this node at once");

        assertEquals(List.of(view), list(), "{\"data\":[...]} like the other admin lists, the same view");

        InMemoryApi.Reply replaced = send("PUT", MAPPINGS + "/" + id, "{\"from\":\"team-fast\",\"to\":\"gpt-5-mini\",\"exposed\":false}");
        assertEquals(200, replaced.status(), replaced.body());
        assertEquals(id, replaced.json().getJsonNumber("id").longValue());
        assertEquals("gpt-5-mini", replaced.json().getString("to"));
        assertEquals(false, replaced.json().getBoolean("exposed"));
        assertEquals(view.getString("createdAt"), replaced.json().getString("createdAt"));
        assertEquals(Optional.of("gpt-5-mini"), gateway.modelMappings().current().target("team-fast"));

        assertEquals(204, send("DELETE", MAPPINGS + "/" + id, null).status());
        assertEquals(List.of(), list());
        assertEquals(Optional.empty(), gateway.modelMappings().current().target("team-fast"));
    }

    @Test
    void unknownIdsAre404InOpenAisShape() throws Exception {
        for (InMemoryApi.Reply reply : List.of(send("DELETE", MAPPINGS + "/4711", null),
                send("PUT", MAPPINGS + "/4711", "{\"from\":\"a\",\"to\":\"b\"}"))) {
            assertEquals(404, reply.status(), reply.body());
            assertEquals("There is no model mapping with id 4711", error(reply).getString("message"));
            assertEquals("model_mapping_not_found", error(reply).getString("code"));
        }
        assertEquals(404, send("DELETE", MAPPINGS + "/abc", null).status());
    }

    @Test
    void aSecondMappingFromTheSameNameIsAConflict() throws Exception {
        long id = send("POST", MAPPINGS, "{\"from\":\"team-fast\",\"to\":\"gpt-4.1\"}").json().getJsonNumber("id").longValue();
        InMemoryApi.Reply duplicate = send("POST", MAPPINGS, "{\"from\":\"TEAM-FAST\",\"to\":\"gpt-5-mini\"}");
        assertEquals(409, duplicate.status(), duplicate.body());
        assertEquals("from", error(duplicate).getString("param"));
        assertEquals("model_mapping_exists", error(duplicate).getString("code"));
        assertEquals("A model mapping from 'TEAM-FAST' already exists (id " + id + "); change it with PUT /admin/api/model-mappings/" + id,
                error(duplicate).getString("message"));

        long other = send("POST", MAPPINGS, "{\"from\":\"team-smart\",\"to\":\"gpt-5-mini\"}").json().getJsonNumber("id").longValue();
        assertEquals(409, send("PUT", MAPPINGS + "/" + other, "{\"from\":\"team-fast\",\"to\":\"gpt-5-mini\"}").status());
        assertEquals(2, list().size());
    }

    @Test
    void badInputIsA400NamingTheFieldAndChangesNothing() throws Exception {
        long id = send("POST", MAPPINGS, "{\"from\":\"team-fast\",\"to\":\"gpt-4.1\"}").json().getJsonNumber("id").longValue();
        List<JsonObject> before = list();
        record Case(String body, String param, String message) {
        }
        String example = "{\"from\":\"team-fast\",\"to\":\"gpt-4.1\",\"exposed\":true}";
        List<Case> cases = List.of(
                new Case("{\"from\":", null, "The body is not valid JSON; send an object such as " + example),
                new Case("", null, "The body is not valid JSON; send an object such as " + example),
                new Case("[]", null, "The body must be a JSON object such as " + example),
                new Case("{\"from\":\"a\",\"to\":\"b\",\"expose\":false}", "expose", "Unknown field 'expose'; the fields are from, to, exposed"),
                new Case("{\"from\":\"a\",\"to\":\"b\",\"id\":7}", "id", "Unknown field 'id'; the fields are from, to, exposed"),
                new Case("{\"to\":\"b\"}", "from", "from is required"),
                new Case("{\"from\":null,\"to\":\"b\"}", "from", "from is required"),
                new Case("{\"from\":42,\"to\":\"b\"}", "from", "from must be a string"),
                new Case("{\"from\":\"a b\",\"to\":\"b\"}", "from", "from must not contain spaces or control characters"),
                new Case("{\"from\":\"a\"}", "to", "to is required"),
                new Case("{\"from\":\"a\",\"to\":[\"b\"]}", "to", "to must be a string"),
                new Case("{\"from\":\"a\",\"to\":\"A\"}", "to", "to must name another model than from"),
                new Case("{\"from\":\"a\",\"to\":\"b\",\"exposed\":\"yes\"}", "exposed", "exposed must be true or false"),
                new Case("{\"from\":\"a\",\"to\":\"b\",\"exposed\":1}", "exposed", "exposed must be true or false"));
        for (Case bad : cases) {
            for (InMemoryApi.Reply reply : List.of(send("POST", MAPPINGS, bad.body()), send("PUT", MAPPINGS + "/" + id, bad.body()))) {
                assertEquals(400, reply.status(), bad.body() + " → " + reply.body());
                assertEquals("invalid_request_error", error(reply).getString("type"), bad.body());
                assertEquals(bad.message(), error(reply).getString("message"), bad.body());
                assertEquals(bad.param(), error(reply).containsKey("param") ? error(reply).getString("param") : null, bad.body());
            }
        }
        assertEquals(before, list(), "nothing created, nothing changed");
    }

    @Test
    void everyEndpointNeedsTheAdminKey() throws Exception {
        for (String method : List.of("GET", "POST", "PUT", "DELETE")) {
            String path = method.equals("GET") || method.equals("POST") ? MAPPINGS : MAPPINGS + "/1";
            for (InMemoryApi.Request request : List.of(api.request(method, path), api.request(method, path).bearer(CLIENT_KEY))) {
                InMemoryApi.Reply reply = request.json("{\"from\":\"sneaky\",\"to\":\"gpt-4.1\"}").send();
                assertEquals(401, reply.status(), method + " " + reply.body());
                assertEquals("invalid_admin_key", error(reply).getString("code"));
            }
        }
        assertEquals(List.of(), list());
    }

    @Test
    void aPlainCurlDashDWithoutAJsonContentTypeWorksToo() throws Exception {
        InMemoryApi.Reply created = api.request("POST", MAPPINGS).bearer(ADMIN_KEY)
                .header("Content-Type", "application/x-www-form-urlencoded").body("{\"from\":\"team-fast\",\"to\":\"gpt-4.1\"}").send();
        assertEquals(201, created.status(), created.body());
    }
}
