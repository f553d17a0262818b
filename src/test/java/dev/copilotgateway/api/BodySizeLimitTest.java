package dev.copilotgateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.copilotgateway.startup.InMemoryApi;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;

class BodySizeLimitTest {

    /** A public-API resource that reports how many bytes of body it received. */
    @Path("test/size")
    @PublicApi
    public static final class SizeResource {
        @POST
        public String size(byte[] body) {
            return String.valueOf(body.length);
        }
    }

    private final InMemoryApi api = new InMemoryApi(new ResourceConfig()
            .register(new BodySizeLimit(100))
            .register(SizeResource.class)
            .register(ApiExceptionMapper.class));

    @Test
    void bodiesUpToTheLimitPass() throws Exception {
        InMemoryApi.Reply reply = api.request("POST", "/test/size").body("x".repeat(100)).send();
        assertEquals(200, reply.status(), reply.body());
        assertEquals("100", reply.body());
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413() throws Exception {
        InMemoryApi.Reply reply = api.request("POST", "/test/size").header("Content-Length", "101").body("x".repeat(101)).send();
        assertEquals(413, reply.status());
        assertEquals("request_too_large", reply.json().getJsonObject("error").getString("code"));
    }

    @Test
    void anUndeclaredBodyIsCountedAsItIsRead() throws Exception {
        InMemoryApi.Reply reply = api.request("POST", "/test/size").body("x".repeat(5000)).send();
        assertEquals(413, reply.status());
        assertEquals("invalid_request_error", reply.json().getJsonObject("error").getString("type"));
    }
}
