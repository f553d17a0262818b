package dev.copilotgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's sign-in in the WAR in a real Tomcat (issue 12): Jakarta Security (Soteria on Weld) with sessions in the
 * database. First-run setup only with the admin key, sign-in and sign-out, the cookie's flags, CSRF on sign-out and on
 * sign-in (another site's POST), security headers, the language from Accept-Language or the switcher, the admin API
 * with a console session, and the API untouched by it all. The console users made here are
 * deleted afterwards (test classes share the Tomcat's database), so setup is offered again on the next run.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    private static final String GATEWAY = "/copilot-gateway";
    private static final String ADMIN = "ops-lead";
    private static final String PASSWORD = "a long console passphrase";
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private static FakeCopilotUpstream upstream;
    private static String adminKey;
    private static String sessionCookie;

    @Deployment(testable = false)
    static WebArchive gateway() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, ItEnvironment.WAR.toFile());
    }

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = ItEnvironment.startUpstream(GATEWAY);
        adminKey = ItEnvironment.adminKey();
        ItEnvironment.deleteConsoleUsers(GATEWAY, adminKey);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        ItEnvironment.deleteConsoleUsers(GATEWAY, adminKey);
        upstream.close();
    }

    @Test
    @Order(1)
    void aFreshConsoleSendsEveryoneToSetupWithSecurityHeaders() throws Exception {
        assertRedirect(page("/console/", null), "/console/login");
        assertRedirect(page("/console/login", null), "/console/setup");

        HttpResponse<String> setup = page("/console/setup", null);
        assertEquals(200, setup.statusCode());
        assertTrue(setup.body().contains("name=\"adminKey\""), setup.body());
        String csp = setup.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
        assertEquals("no-referrer", setup.headers().firstValue("Referrer-Policy").orElse(""));
        assertEquals("nosniff", setup.headers().firstValue("X-Content-Type-Options").orElse(""));
    }

    @Test
    @Order(2)
    void setupWithoutTheAdminKeyCreatesNoOne() throws Exception {
        HttpResponse<String> refused = post("/console/setup", null, Map.of("adminKey", "not-the-key", "username", ADMIN, "password", PASSWORD));

        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("id=\"error\""), refused.body());
        assertEquals(0, consoleUsers().size());
    }

    @Test
    @Order(3)
    void setupWithTheAdminKeyCreatesTheFirstAdminAndSignsThemIn() throws Exception {
        HttpResponse<String> created = post("/console/setup", null, Map.of("adminKey", adminKey, "username", ADMIN, "password", PASSWORD));

        assertRedirect(created, "/console/");
        String setCookie = created.headers().firstValue("Set-Cookie").orElseThrow();
        // the whole application: the admin API takes the session too (with its CSRF token)
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict")
                && Pattern.compile("Path=" + GATEWAY + "/(;|$)").matcher(setCookie).find(), setCookie);
        sessionCookie = cookie(created);
        HttpResponse<String> home = page("/console/", sessionCookie);
        assertEquals(200, home.statusCode());
        assertTrue(home.body().contains("Signed in as " + ADMIN + " (administrator)"), home.body());
        assertEquals(List.of(ADMIN), consoleUsers());

        assertRedirect(page("/console/setup", null), "/console/login");
        assertEquals(403, post("/console/setup", null, Map.of("adminKey", adminKey, "username", "second", "password", PASSWORD)).statusCode(),
                "setup is over once a user exists");
    }

    @Test
    @Order(4)
    void signOutNeedsTheSessionsCsrfToken() throws Exception {
        assertEquals(403, post("/console/logout", sessionCookie, Map.of()).statusCode());
        assertEquals(403, post("/console/logout", sessionCookie, Map.of("csrf", "forged")).statusCode());
        assertEquals(200, page("/console/", sessionCookie).statusCode(), "still signed in");

        HttpResponse<String> out = post("/console/logout", sessionCookie, Map.of("csrf", csrf(page("/console/", sessionCookie))));
        assertRedirect(out, "/console/login");
        assertTrue(out.headers().firstValue("Set-Cookie").orElse("").contains("Max-Age=0"));
        assertRedirect(page("/console/", sessionCookie), "/console/login");
    }

    @Test
    @Order(5)
    void signInRefusesAWrongPasswordAndStartsAFreshSession() throws Exception {
        HttpResponse<String> wrong = post("/console/login", null, Map.of("username", ADMIN, "password", "wrong password here"));
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.body().contains("Wrong username or password."), wrong.body());

        String planted = "planted-by-an-attacker";
        HttpResponse<String> right = post("/console/login", planted, Map.of("username", ADMIN, "password", PASSWORD));
        assertRedirect(right, "/console/");
        String fresh = cookie(right);
        assertNotEquals(planted, fresh);
        assertNotEquals(sessionCookie, fresh);
        assertEquals(200, page("/console/", fresh).statusCode());
        assertRedirect(page("/console/", planted), "/console/login");
    }

    @Test
    @Order(6)
    void aViewerSignsInAsAViewer() throws Exception {
        HttpResponse<String> created = ItEnvironment.send(ItEnvironment.request(GATEWAY, "/admin/api/console-users")
                .header("Authorization", "Bearer " + adminKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"auditor\",\"password\":\"" + PASSWORD + "\",\"role\":\"viewer\"}")));
        assertEquals(201, created.statusCode(), created.body());

        String viewer = cookie(post("/console/login", null, Map.of("username", "auditor", "password", PASSWORD)));
        HttpResponse<String> home = page("/console/", viewer);
        assertTrue(home.body().contains("Signed in as auditor (viewer)"));
        HttpResponse<String> refused = post("/console/keys", viewer, Map.of("csrf", csrf(home), "name", "viewer-made"));
        assertEquals(403, refused.statusCode(), "a viewer changes nothing, whatever the page shows");
        assertFalse(ItEnvironment.get(GATEWAY, "/admin/api/keys", adminKey).body().contains("viewer-made"));
    }

    @Test
    @Order(7)
    void theConsoleSpeaksChineseWhenAskedTo() throws Exception {
        HttpResponse<String> login = ItEnvironment.send(ItEnvironment.request(GATEWAY, "/console/login").header("Accept-Language", "zh-CN,zh;q=0.9").GET());

        assertEquals(200, login.statusCode());
        assertTrue(login.body().contains("<html lang=\"zh\">") && login.body().contains("登录"), login.body());
    }

    @Test
    @Order(8)
    void theApiIsUntouchedByTheConsolesSecurity() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertEquals(200, ItEnvironment.get(GATEWAY, "/v1/models", ItEnvironment.API_KEYS.get(0)).statusCode());
        }
        assertEquals(401, ItEnvironment.get(GATEWAY, "/v1/models").statusCode());
        assertEquals(200, ItEnvironment.get(GATEWAY, "/healthz").statusCode());
    }

    @Test
    @Order(9)
    void repeatedWrongPasswordsLockTheUserEvenForTheRightOne() throws Exception {
        HttpResponse<String> created = ItEnvironment.send(ItEnvironment.request(GATEWAY, "/admin/api/console-users")
                .header("Authorization", "Bearer " + adminKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"brute-target\",\"password\":\"" + PASSWORD + "\",\"role\":\"viewer\"}")));
        assertEquals(201, created.statusCode(), created.body());
        for (int i = 0; i < 5; i++) {
            assertEquals(401, post("/console/login", null, Map.of("username", "brute-target", "password", "guess number " + i)).statusCode());
        }

        HttpResponse<String> locked = post("/console/login", null, Map.of("username", "brute-target", "password", PASSWORD));
        assertEquals(429, locked.statusCode(), locked.body());
        assertTrue(locked.headers().firstValue("Retry-After").map(Long::parseLong).orElse(0L) > 0, locked.headers().map().toString());
        assertTrue(locked.headers().firstValue("Set-Cookie").isEmpty(), "no session while locked");
        assertTrue(locked.body().contains("Too many failed sign-ins"), locked.body());
    }

    @Test
    @Order(10)
    void aSignInPostedByAnotherSitesPageIsRefused() throws Exception {
        String form = "username=" + ADMIN + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
        for (String site : List.of("cross-site", "same-site")) {
            HttpResponse<String> forged = ItEnvironment.send(ItEnvironment.request(GATEWAY, "/console/login")
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Sec-Fetch-Site", site)
                    .POST(HttpRequest.BodyPublishers.ofString(form)));

            assertEquals(403, forged.statusCode(), site);
            assertTrue(forged.headers().firstValue("Set-Cookie").isEmpty(), "login CSRF: no session for " + site);
        }
        HttpResponse<String> ownPage = ItEnvironment.send(ItEnvironment.request(GATEWAY, "/console/login")
                .header("Content-Type", "application/x-www-form-urlencoded").header("Sec-Fetch-Site", "same-origin")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertRedirect(ownPage, "/console/");
    }

    @Test
    @Order(11)
    void theLanguageSwitchersChoiceIsRememberedOverAcceptLanguage() throws Exception {
        HttpResponse<String> switched = ItEnvironment.send(ItEnvironment.request(GATEWAY, "/console/login?lang=zh")
                .header("Accept-Language", "en-US,en;q=0.9").GET());
        assertTrue(switched.body().contains("<html lang=\"zh\">"), switched.body());
        String setCookie = switched.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.startsWith("copilot_gateway_lang=zh") && setCookie.contains("Max-Age="), setCookie);

        HttpResponse<String> later = ItEnvironment.send(ItEnvironment.request(GATEWAY, "/console/login")
                .header("Accept-Language", "en-US,en;q=0.9").header("Cookie", "copilot_gateway_lang=zh").GET());
        assertTrue(later.body().contains("<html lang=\"zh\">") && later.body().contains("登录"), later.body());

        HttpResponse<String> unknown = ItEnvironment.send(ItEnvironment.request(GATEWAY, "/console/login?lang=xx%22%3E")
                .header("Accept-Language", "en-US,en;q=0.9").GET());
        assertTrue(unknown.body().contains("<html lang=\"en\">"), unknown.body());
        assertTrue(unknown.headers().firstValue("Set-Cookie").isEmpty(), "an unknown language is not remembered");
    }

    @Test
    @Order(12)
    void theAdminApiTakesAConsoleSessionWithItsCsrfToken() throws Exception {
        String session = cookie(post("/console/login", null, Map.of("username", ADMIN, "password", PASSWORD)));
        String csrf = csrf(page("/console/", session));

        HttpResponse<String> withToken = ItEnvironment.send(ItEnvironment.request(GATEWAY, "/admin/api/console-users")
                .header("Cookie", "copilot_gateway_console=" + session).header("X-CSRF-Token", csrf).GET());
        HttpResponse<String> cookieAlone = ItEnvironment.send(ItEnvironment.request(GATEWAY, "/admin/api/console-users")
                .header("Cookie", "copilot_gateway_console=" + session).GET());

        assertEquals(200, withToken.statusCode(), withToken.body());
        assertTrue(withToken.body().contains("\"" + ADMIN + "\""), withToken.body());
        assertEquals(403, cookieAlone.statusCode(), cookieAlone.body());
        assertTrue(cookieAlone.body().contains("csrf_token_invalid"), cookieAlone.body());
    }

    private static HttpResponse<String> page(String path, String cookie) throws Exception {
        HttpRequest.Builder request = ItEnvironment.request(GATEWAY, path);
        if (cookie != null) {
            request.header("Cookie", "copilot_gateway_console=" + cookie);
        }
        return ItEnvironment.send(request.GET());
    }

    private static HttpResponse<String> post(String path, String cookie, Map<String, String> form) throws Exception {
        HttpRequest.Builder request = ItEnvironment.request(GATEWAY, path).header("Content-Type", "application/x-www-form-urlencoded");
        if (cookie != null) {
            request.header("Cookie", "copilot_gateway_console=" + cookie);
        }
        String body = form.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return ItEnvironment.send(request.POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static void assertRedirect(HttpResponse<String> response, String path) {
        assertTrue(response.statusCode() == 302 || response.statusCode() == 303, response.statusCode() + " " + response.body());
        assertEquals(GATEWAY + path, response.headers().firstValue("Location").map(ConsoleIT::pathOf).orElse(""));
    }

    private static String pathOf(String location) {
        return location.replaceFirst("^https?://[^/]+", "");
    }

    private static String cookie(HttpResponse<String> response) {
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow(() -> new AssertionError("no cookie: " + response.statusCode()));
        Matcher value = Pattern.compile("copilot_gateway_console=([^;]*)").matcher(setCookie);
        assertTrue(value.find(), setCookie);
        assertFalse(value.group(1).isEmpty(), setCookie);
        return value.group(1);
    }

    private static String csrf(HttpResponse<String> page) {
        Matcher field = CSRF_FIELD.matcher(page.body());
        assertTrue(field.find(), page.body());
        return field.group(1);
    }

    private static List<String> consoleUsers() throws Exception {
        return json(ItEnvironment.get(GATEWAY, "/admin/api/console-users", adminKey).body()).getJsonArray("data")
                .getValuesAs(JsonObject.class).stream().map(user -> user.getString("username")).toList();
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
