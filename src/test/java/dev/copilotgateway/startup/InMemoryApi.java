package dev.copilotgateway.startup;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * A JAX-RS application driven in memory, without a container, whose answers are serialised as a container
 * would (so tests see the JSON a client gets, headers included).
 */
public final class InMemoryApi {

    /** What came back. */
    public record Reply(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }
    }

    /** One request to build and send. */
    public final class Request {
        private final String method;
        private final String pathAndQuery;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String body;

        private Request(String method, String pathAndQuery) {
            this.method = method;
            this.pathAndQuery = pathAndQuery;
        }

        public Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Request bearer(String token) {
            return header("Authorization", "Bearer " + token);
        }

        public Request body(String text) {
            this.body = text;
            return this;
        }

        public Request json(String json) {
            return body(json).header("Content-Type", "application/json");
        }

        public Reply send() throws Exception {
            ContainerRequest request = new ContainerRequest(URI.create("http://localhost/"), URI.create("http://localhost" + pathAndQuery),
                    method, null, new MapPropertiesDelegate(), handler.getConfiguration());
            headers.forEach(request::header);
            if (body != null) {
                request.setEntityStream(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
            }
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            ContainerResponse response = handler.apply(request, written).get(10, TimeUnit.SECONDS);
            Map<String, String> replyHeaders = new LinkedHashMap<>();
            response.getStringHeaders().forEach((name, values) -> replyHeaders.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            return new Reply(response.getStatus(), replyHeaders, written.toString(StandardCharsets.UTF_8));
        }
    }

    private final ApplicationHandler handler;

    public InMemoryApi(ResourceConfig application) {
        this.handler = new ApplicationHandler(application);
    }

    public Request request(String method, String pathAndQuery) {
        return new Request(method, pathAndQuery);
    }

    public Reply get(String pathAndQuery) throws Exception {
        return request("GET", pathAndQuery).send();
    }
}
