package dev.copilotgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The Keys page's limits and allowed models in a real headless Chromium against the WAR in a real Tomcat: a key created
 * with limits and models, shown in the list as the admin API shows them, refused past its limit on the public API, its
 * limits changed and cleared through the row's form, and the form in Chinese. Its console admin is deleted afterwards.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class KeyLimitsBrowserIT {

    private static final String GATEWAY = "/copilot-gateway";
    private static final String BASE = "http://127.0.0.1:" + ItEnvironment.HTTP_PORT + GATEWAY;
    private static final String ADMIN = "limits-admin";
    private static final String PASSWORD = "a long limits passphrase";
    /** Unique per run: test classes share the database, and a rerun keeps the earlier keys. */
    private static final String NAME = "limited-" + Long.toString(System.currentTimeMillis(), 36);

    private static FakeCopilotUpstream upstream;
    private static String adminKey;
    private static SignedInConsole console;
    private static HeadlessChromium browser;
    private static ConsolePageDriver pages;

    @Deployment(testable = false)
    static WebArchive gateway() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, ItEnvironment.WAR.toFile());
    }

    @BeforeAll
    static void start() throws Exception {
        SignedInConsole.assumeChromium();
        upstream = ItEnvironment.startUpstream(GATEWAY);
        adminKey = ItEnvironment.adminKey();
        console = SignedInConsole.open(GATEWAY, adminKey, ADMIN, PASSWORD, "en-US");
        browser = console.browser();
        pages = console.pages();
    }

    @AfterAll
    static void stop() throws Exception {
        if (console != null) {
            console.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void anAdminGivesAKeyLimitsAndModelsThenChangesThemOnTheKeysPage() throws Exception {
        ChromeDriver page = browser.driver();
        pages.navigate(page.findElement(By.id("nav-keys")));
        pages.fill("name", NAME);
        pages.fill("requestsPerMinute", "1");
        pages.fill("concurrentRequests", "3");
        pages.fill("models", "gpt-4.1, claude-haiku-4.5");
        pages.navigate(page.findElement(By.id("create-key")));
        String key = page.findElement(By.id("created-key")).getText();

        WebElement row = row(page);
        String limits = row.findElement(By.className("key-limits")).getText();
        assertTrue(limits.contains("1/min") && limits.contains("3 at once") && !limits.contains("tokens/day"), limits);
        assertEquals("claude-haiku-4.5, gpt-4.1", row.findElement(By.className("key-models")).getText());
        browser.screenshot("keys-limits");
        JsonObject view = adminView(key);
        assertEquals(Json.createObjectBuilder().add("requestsPerMinute", 1).addNull("tokensPerDay").add("concurrentRequests", 3).build(),
                view.getJsonObject("limits"), "what the admin API shows");

        assertEquals(403, chat(key, "gpt-5-mini").statusCode(), "outside the allowed models");
        assertEquals(429, chat(key, "gpt-4.1").statusCode(), "the 403 counted as the minute's one request");

        page.get(BASE + "/console/keys");
        row = row(page);
        row.findElement(By.tagName("summary")).click();
        long id = view.getJsonNumber("id").longValue();
        assertEquals("1", page.findElement(By.id("rpm-" + id)).getAttribute("value"), "the form shows the limits");
        pages.fill("rpm-" + id, "100");
        page.findElement(By.id("concurrent-" + id)).clear();
        pages.fill("tpd-" + id, "50000");
        page.findElement(By.id("models-" + id)).clear();
        pages.navigate(page.findElement(By.id("save-limits-" + id)));

        view = adminView(key);
        assertEquals(Json.createObjectBuilder().add("requestsPerMinute", 100).add("tokensPerDay", 50000).addNull("concurrentRequests").build(),
                view.getJsonObject("limits"), "a field emptied clears its limit");
        assertEquals(JsonValue.NULL, view.get("models"), "no models listed: every model");
        assertEquals("all models", row(page).findElement(By.className("key-models")).getText());
        assertEquals(200, chat(key, "gpt-5-mini").statusCode(), "the change applies at once");
        browser.screenshot("keys-limits-changed");

        try (HeadlessChromium chinese = new HeadlessChromium("zh-CN")) {
            ConsolePageDriver zh = new ConsolePageDriver(chinese.driver(), BASE);
            zh.signIn(ADMIN, PASSWORD);
            chinese.driver().get(BASE + "/console/keys");
            assertTrue(chinese.driver().findElement(By.id("create-key-form")).getText().contains("每分钟请求数"));
            String chineseLimits = row(chinese.driver()).findElement(By.className("key-limits")).getText();
            assertTrue(chineseLimits.contains("每分钟 100 次"), chineseLimits);
            chinese.screenshot("keys-limits-zh");
        }
    }

    private static WebElement row(ChromeDriver page) {
        return page.findElement(By.xpath("//table[@id='keys']//tr[td[1][text()='" + NAME + "']]"));
    }

    private static HttpResponse<String> chat(String key, String model) throws Exception {
        return ItEnvironment.send(ItEnvironment.request(GATEWAY, "/v1/chat/completions")
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")));
    }

    /** The admin API's view of the key {@code key}, found by its visible prefix and name. */
    private static JsonObject adminView(String key) throws Exception {
        return json(ItEnvironment.get(GATEWAY, "/admin/api/keys", adminKey).body()).getJsonArray("data").getValuesAs(JsonObject.class)
                .stream().filter(view -> key.startsWith(view.getString("prefix")) && NAME.equals(view.getString("name")))
                .reduce((one, other) -> other).orElseThrow();
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
