package dev.copilotgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The README's run command (`cargo:run`) serves the gateway and nothing else: Cargo's Tomcat used to deploy Tomcat's
 * manager apps with a passwordless user, through which anyone on the machine could deploy code into the gateway's
 * JVM. The build starts the run configuration on ports of its own (pom.xml, `start-run-configuration`).
 */
class RunConfigurationIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String CARGO_USER = "Basic " + Base64.getEncoder().encodeToString("admin:".getBytes(StandardCharsets.UTF_8));

    @Test
    void theGatewayAnswersAtTheRoot() throws Exception {
        assertEquals(200, get("/healthz").statusCode());
    }

    @Test
    void tomcatsManagerAppsAreNotDeployed() throws Exception {
        for (String path : new String[] {"/manager/text/list", "/manager/html", "/host-manager/text/list", "/docs/", "/examples/"}) {
            HttpResponse<String> response = get(path);
            assertEquals(404, response.statusCode(), path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + Integer.getInteger("it.run.port") + path);
        return HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", CARGO_USER).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
