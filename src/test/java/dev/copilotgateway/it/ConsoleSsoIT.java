package dev.copilotgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * The console behind single sign-on, in the WAR in a real Tomcat (issue 12). The IT Tomcat trusts only 127.0.0.2 as an
 * SSO proxy (arquillian.xml; gw-admins are admins, gw-viewers viewers): requests here are sent from sockets bound to
 * 127.0.0.2 (trusted) or 127.0.0.1 (every other test's address, untrusted). Linux routes all of 127/8 to loopback.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsoleSsoIT {

    private static final String GATEWAY = "/copilot-gateway";
    private static final String TRUSTED = "127.0.0.2";
    private static final String UNTRUSTED = "127.0.0.1";
    private static final List<String> SSO_USERS = List.of("sso-carol", "sso-victor", "sso-nobody", "sso-mallory");
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private static FakeCopilotUpstream upstream;
    private static String adminKey;

    /** A response as read off the socket (HTTP/1.0, so never chunked). */
    private record Raw(int status, Map<String, String> headers, String body) {

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }

        Optional<String> sessionCookie() {
            Matcher value = Pattern.compile("copilot_gateway_console=([^;]*)").matcher(header("Set-Cookie").orElse(""));
            return value.find() && !value.group(1).isEmpty() ? Optional.of(value.group(1)) : Optional.empty();
        }
    }

    @Deployment(testable = false)
    static WebArchive gateway() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, ItEnvironment.WAR.toFile());
    }

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = ItEnvironment.startUpstream(GATEWAY);
        adminKey = ItEnvironment.adminKey();
        deleteSsoUsers();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        deleteSsoUsers();
        upstream.close();
    }

    @Test
    void aSpoofedHeaderFromAnUntrustedAddressIsIgnored() throws Exception {
        Raw response = send(UNTRUSTED, "GET", "/console/", Map.of("X-Forwarded-User", "sso-mallory", "X-Forwarded-Groups", "gw-admins"), null);

        assertTrue(response.status() == 302 || response.status() == 303, response.status() + " " + response.body());
        assertTrue(response.header("Location").orElse("").endsWith(GATEWAY + "/console/login"), response.headers().toString());
        assertTrue(response.sessionCookie().isEmpty(), "no session: " + response.headers());
        assertFalse(consoleUsers().containsKey("sso-mallory"), "and no user provisioned");
    }

    @Test
    void aTrustedProxysHeaderSignsInWithTheMappedRoleAndProvisionsTheUser() throws Exception {
        Raw home = send(TRUSTED, "GET", "/console/", Map.of("X-Forwarded-User", "sso-carol", "X-Forwarded-Groups", "staff, gw-admins"), null);

        assertEquals(200, home.status(), home.body());
        assertTrue(home.sessionCookie().isPresent(), "a session of its own, so that forms and CSRF tokens work: " + home.headers());
        assertTrue(home.body().contains("sso-carol"), home.body());
        assertTrue(home.body().contains("id=\"nav-diagnostics\""), "admins see the Diagnostics link");
        assertEquals("admin", consoleUsers().get("sso-carol"));

        Raw passwordSignIn = send(UNTRUSTED, "POST", "/console/login", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "username=sso-carol&password=");
        assertTrue(passwordSignIn.sessionCookie().isEmpty(), "an SSO user never signs in with a password: " + passwordSignIn.headers());

        Raw again = send(TRUSTED, "GET", "/console/", Map.of("X-Forwarded-User", "sso-carol", "X-Forwarded-Groups", "gw-viewers",
                "Cookie", "copilot_gateway_console=" + home.sessionCookie().get()), null);
        assertEquals(200, again.status());
        assertTrue(again.sessionCookie().isEmpty(), "the session of the same user goes on");
    }

    @Test
    void aViewerGroupGivesAViewerWhoMayNotSeeDiagnostics() throws Exception {
        Map<String, String> sso = Map.of("X-Forwarded-User", "sso-victor", "X-Forwarded-Groups", "gw-viewers");

        Raw home = send(TRUSTED, "GET", "/console/", sso, null);
        assertEquals(200, home.status(), home.body());
        assertFalse(home.body().contains("id=\"nav-diagnostics\""));
        assertEquals("viewer", consoleUsers().get("sso-victor"));

        Raw diagnostics = send(TRUSTED, "GET", "/console/diagnostics", withCookie(sso, home), null);
        assertEquals(403, diagnostics.status());
    }

    @Test
    void aUserInNoMappedGroupIsToldThereIsNoAccess() throws Exception {
        Raw home = send(TRUSTED, "GET", "/console/", Map.of("X-Forwarded-User", "sso-nobody", "X-Forwarded-Groups", "staff"), null);

        assertEquals(403, home.status(), home.body());
        assertTrue(home.body().contains("id=\"sso-denied\""), home.body());
        assertTrue(home.sessionCookie().isEmpty());
        assertFalse(consoleUsers().containsKey("sso-nobody"));
    }

    @Test
    void theDiagnosticsPageShowsTheSsoSelfCheck() throws Exception {
        Map<String, String> sso = Map.of("X-Forwarded-User", "sso-carol", "X-Forwarded-Groups", "gw-admins");
        Raw trusted = send(TRUSTED, "GET", "/console/diagnostics", sso, null);

        assertEquals(200, trusted.status(), trusted.body());
        assertTrue(trusted.body().contains("<dd id=\"sso-remote-address\">127.0.0.2</dd>"), trusted.body());
        assertTrue(trusted.body().contains("<dd id=\"sso-trusted\">yes</dd>"), trusted.body());
        assertTrue(trusted.body().contains("<dd id=\"sso-userHeader\">sso-carol</dd>"), trusted.body());
        assertTrue(trusted.body().contains("<dd id=\"sso-role\">admin</dd>"), trusted.body());
        assertTrue(trusted.body().contains("<dd id=\"setting-console-trusted-proxies\">127.0.0.2/32</dd>"), trusted.body());
        assertTrue(trusted.body().contains("<dd id=\"upstream-reachable\">reachable</dd>"), "the fake upstream answers: " + trusted.body());
        assertTrue(trusted.body().contains("<dd id=\"database-reachable\">true</dd>"), trusted.body());

        // The same admin's session from the untrusted address, with a header someone slipped in: shown as ignored.
        Raw untrusted = send(UNTRUSTED, "GET", "/console/diagnostics", Map.of("X-Forwarded-User", "sso-mallory",
                "Cookie", "copilot_gateway_console=" + trusted.sessionCookie().orElseThrow()), null);
        assertEquals(200, untrusted.status(), untrusted.body());
        assertTrue(untrusted.body().contains("<dd id=\"sso-trusted\">no</dd>"), untrusted.body());
        assertTrue(untrusted.body().contains("present but ignored"), untrusted.body());
        assertFalse(untrusted.body().contains("sso-mallory"), "an untrusted value is never shown");
    }

    @Test
    void signingOutEndsTheSessionAndSaysTheSsoLoginGoesOn() throws Exception {
        Map<String, String> sso = Map.of("X-Forwarded-User", "sso-carol", "X-Forwarded-Groups", "gw-admins");
        Raw home = send(TRUSTED, "GET", "/console/keys", sso, null);
        assertEquals(200, home.status(), home.body());
        Matcher csrf = CSRF_FIELD.matcher(home.body());
        assertTrue(csrf.find(), home.body());
        String cookie = home.sessionCookie().orElseThrow();

        Map<String, String> form = new LinkedHashMap<>(withCookie(sso, home));
        form.put("Content-Type", "application/x-www-form-urlencoded");
        Raw out = send(TRUSTED, "POST", "/console/logout", form, "csrf=" + csrf.group(1));

        assertEquals(200, out.status(), out.body());
        assertTrue(out.body().contains("id=\"sso-signed-out\""), out.body());
        Raw stale = send(UNTRUSTED, "GET", "/console/", Map.of("Cookie", "copilot_gateway_console=" + cookie), null);
        assertTrue(stale.status() == 302 || stale.status() == 303, "the ended session signs no one in: " + stale.status());
    }

    private static Map<String, String> withCookie(Map<String, String> headers, Raw signedIn) {
        Map<String, String> with = new LinkedHashMap<>(headers);
        with.put("Cookie", "copilot_gateway_console=" + signedIn.sessionCookie().orElseThrow());
        return with;
    }

    /** One HTTP/1.0 exchange from a socket bound to {@code localAddress}. */
    private static Raw send(String localAddress, String method, String path, Map<String, String> headers, String body) throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), ItEnvironment.HTTP_PORT), 5_000);
            socket.setSoTimeout(20_000);
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder request = new StringBuilder(method + " " + GATEWAY + path + " HTTP/1.0\r\n")
                    .append("Host: 127.0.0.1:").append(ItEnvironment.HTTP_PORT).append("\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                request.append("Content-Length: ").append(content.length).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            in.transferTo(received);
            String text = received.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String[] head = text.substring(0, end).split("\r\n");
            Map<String, String> responseHeaders = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                responseHeaders.merge(head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).strip(),
                        (first, second) -> first + "\n" + second);
            }
            return new Raw(Integer.parseInt(head[0].split(" ")[1]), responseHeaders, text.substring(end + 4));
        }
    }

    /** Console users by name, with their role. */
    private static Map<String, String> consoleUsers() throws Exception {
        Map<String, String> users = new LinkedHashMap<>();
        for (JsonObject user : json(ItEnvironment.get(GATEWAY, "/admin/api/console-users", adminKey).body()).getJsonArray("data")
                .getValuesAs(JsonObject.class)) {
            users.put(user.getString("username"), user.getString("role"));
        }
        return users;
    }

    private static void deleteSsoUsers() throws Exception {
        for (JsonObject user : json(ItEnvironment.get(GATEWAY, "/admin/api/console-users", adminKey).body()).getJsonArray("data")
                .getValuesAs(JsonObject.class)) {
            if (SSO_USERS.contains(user.getString("username"))) {
                ItEnvironment.send(ItEnvironment.request(GATEWAY, "/admin/api/console-users/" + user.getJsonNumber("id"))
                        .header("Authorization", "Bearer " + adminKey).DELETE());
            }
        }
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
