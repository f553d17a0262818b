package dev.copilotgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console behind a web server that authenticates users and forwards them over AJP (Apache's mod_proxy_ajp), with
 * {@code console-container-auth} on: the user the web server sends as {@code REMOTE_USER} reaches the console through
 * Tomcat ({@code tomcatAuthentication="false"}) as the container's principal. The tests' Tomcat has an AJP connector
 * on a reserved port (the pom adds it), trusts 127.0.0.2 as an SSO proxy for the groups header, and maps the group
 * {@code gw-admins} to admin (arquillian.xml).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsoleContainerAuthIT {

    private static final String GATEWAY = "/copilot-gateway";
    private static final String TRUSTED_PROXY = "127.0.0.2";

    private static FakeCopilotUpstream upstream;
    private static String adminKey;

    @Deployment(testable = false)
    static WebArchive gateway() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, ItEnvironment.WAR.toFile());
    }

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = ItEnvironment.startUpstream(GATEWAY);
        adminKey = ItEnvironment.adminKey();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        for (JsonObject user : consoleUsers()) {
            if (user.getString("username").startsWith("ajp-")) {
                ItEnvironment.send(ItEnvironment.request(GATEWAY, "/admin/api/console-users/" + user.getJsonNumber("id"))
                        .header("Authorization", "Bearer " + adminKey).DELETE());
            }
        }
        upstream.close();
    }

    private static AjpClient.Answer console(String remoteAddress, String remoteUser, Map<String, String> headers) throws Exception {
        return AjpClient.get(ItEnvironment.AJP_PORT, ItEnvironment.AJP_SECRET, GATEWAY + "/console/", remoteAddress, remoteUser, headers);
    }

    private static List<JsonObject> consoleUsers() throws Exception {
        String body = ItEnvironment.get(GATEWAY, "/admin/api/console-users", adminKey).body();
        return Json.createReader(new StringReader(body)).readObject().getJsonArray("data").getValuesAs(JsonObject.class);
    }

    @Test
    void theWebServersUserSignsInWithTheRoleOfTheirGroups() throws Exception {
        AjpClient.Answer home = console(TRUSTED_PROXY, "ajp-operator", Map.of("X-Forwarded-Groups", "staff,gw-admins"));

        assertEquals(200, home.status(), home.body());
        assertTrue(home.body().contains("Signed in as ajp-operator (administrator)"), home.body());
        assertTrue(home.headers().getOrDefault("set-cookie", "").startsWith("copilot_gateway_console="), home.headers().toString());
        assertTrue(consoleUsers().stream().anyMatch(user -> user.getString("username").equals("ajp-operator")
                && user.getString("role").equals("admin")), "provisioned on first sign-in");
    }

    @Test
    void withoutAnAuthenticatedUserTheSignInPageIsAsked() throws Exception {
        AjpClient.Answer anonymous = console(TRUSTED_PROXY, null, Map.of("X-Forwarded-Groups", "gw-admins"));

        assertTrue(anonymous.status() == 302 || anonymous.status() == 303, anonymous.status() + " " + anonymous.body());
        assertTrue(anonymous.headers().getOrDefault("location", "").endsWith(GATEWAY + "/console/login"), anonymous.headers().toString());
    }

    @Test
    void aUserInNoConsoleGroupIsToldSoAndGetsNoSession() throws Exception {
        AjpClient.Answer refused = console("127.0.0.1", "ajp-visitor", Map.of("X-Forwarded-Groups", "gw-admins")); // untrusted: no groups

        assertEquals(403, refused.status(), refused.body());
        assertTrue(refused.body().contains("single sign-on as ajp-visitor"), refused.body());
        assertFalse(refused.headers().containsKey("set-cookie"), refused.headers().toString());
    }
}
