package dev.copilotgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import dev.copilotgateway.fakeupstream.Reply;
import dev.copilotgateway.fakeupstream.Usage;
import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The console's Usage page in a real headless Chromium (issue 13): the charts of the usage records by day, key and model
 * (server-drawn SVG), the request log with its filters and pages, a bad filter said in the page's language, the
 * dashboard's tokens of the last hour, and the page in Chinese. Requests are made with a client key of its own; its
 * console admin is deleted afterwards (test classes share the database).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UsagePageBrowserIT {

    private static final String GATEWAY = "/copilot-gateway";
    private static final String BASE = "http://127.0.0.1:" + ItEnvironment.HTTP_PORT + GATEWAY;
    private static final String ADMIN = "usage-page-admin";
    private static final String PASSWORD = "a long usage passphrase";

    private static FakeCopilotUpstream upstream;
    private static String adminKey;
    private static long adminUserId;
    private static long keyId;
    private static HeadlessChromium browser;
    private static ConsolePageDriver pages;

    @Deployment(testable = false)
    static WebArchive gateway() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, ItEnvironment.WAR.toFile());
    }

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(HeadlessChromium.installed(), "Chromium and ChromeDriver are not installed (.ci/run installs them: "
                + "apt-get install chromium chromium-driver)");
        upstream = ItEnvironment.startUpstream(GATEWAY);
        upstream.setDefaultReply(text -> Reply.text("Echo: " + text).withUsage(new Usage(500, 20, 100, 5)));
        adminKey = ItEnvironment.adminKey();
        ItEnvironment.awaitNoCooldown(GATEWAY);
        HttpResponse<String> user = admin("/admin/api/console-users", "{\"username\":\"" + ADMIN + "\",\"password\":\"" + PASSWORD
                + "\",\"role\":\"admin\"}");
        assertEquals(201, user.statusCode(), user.body());
        adminUserId = JsonIo.read(user.body()).asJsonObject().getJsonNumber("id").longValue();
        HttpResponse<String> key = admin("/admin/api/keys", "{\"name\":\"usage-page-key\"}");
        assertEquals(201, key.statusCode(), key.body());
        JsonObject created = JsonIo.read(key.body()).asJsonObject();
        keyId = created.getJsonNumber("id").longValue();
        String secret = created.getString("key");
        for (String body : List.of("{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"one\"}]}",
                "{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"two\"}],\"stream\":true}")) {
            HttpResponse<String> chat = ItEnvironment.send(ItEnvironment.request(GATEWAY, "/v1/chat/completions")
                    .header("Authorization", "Bearer " + secret).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertEquals(200, chat.statusCode(), chat.body());
        }
        HttpResponse<String> claude = ItEnvironment.send(ItEnvironment.request(GATEWAY, "/v1/messages")
                .header("x-api-key", secret).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-4.6\",\"max_tokens\":50,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"three\"}]}")));
        assertEquals(200, claude.statusCode(), claude.body());
        awaitRecords(3);
        browser = new HeadlessChromium("en-US");
        pages = new ConsolePageDriver(browser.driver(), BASE);
        pages.signIn(ADMIN, PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (adminUserId != 0) {
            ItEnvironment.send(ItEnvironment.request(GATEWAY, "/admin/api/console-users/" + adminUserId)
                    .header("Authorization", "Bearer " + adminKey).DELETE());
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void chartsAndTheRequestLogShowTheKeysRequestsAndFilter() throws Exception {
        ChromeDriver page = browser.driver();
        page.get(BASE + "/console/");
        String tokens = page.findElement(By.id("tokens-last-hour")).getText();
        assertTrue(tokens.matches("[\\d,]+ input and [\\d,]+ output tokens \\([\\d,]+ requests, all nodes\\)"), tokens);
        assertTrue(Long.parseLong(tokens.substring(0, tokens.indexOf(' ')).replace(",", "")) >= 1500, "at least this test's 3 × 500: " + tokens);

        pages.navigate(page.findElement(By.id("nav-usage")));
        pages.fill("filter-keyId", Long.toString(keyId));
        pages.navigate(page.findElement(By.id("apply-filter")));

        assertTrue(page.findElement(By.id("usage-totals")).getText().startsWith("In this period: 3 requests, 1,500 input tokens (of which 300 cached),"
                + " 60 output tokens (of which 10 reasoning)"), page.findElement(By.id("usage-totals")).getText());
        List<WebElement> models = page.findElements(By.cssSelector("#chart-byModel g.bar"));
        assertEquals(List.of("gpt-4.1", "claude-sonnet-4.6"), models.stream().map(bar -> bar.getAttribute("data-label")).toList(),
                "largest first");
        assertEquals("1040", models.get(0).getAttribute("data-tokens"));
        assertEquals("2", models.get(0).getAttribute("data-requests"));
        List<WebElement> bars = models.get(0).findElements(By.tagName("rect"));
        assertEquals("420", Integer.toString(Integer.parseInt(bars.get(0).getAttribute("width")) + Integer.parseInt(bars.get(1).getAttribute("width"))),
                "the largest bar fills the plot");
        assertEquals(1, page.findElements(By.cssSelector("#chart-byKey g.bar")).size());
        assertTrue(page.findElement(By.cssSelector("#chart-byKey g.bar")).getAttribute("data-label").contains("usage-page-key"));
        assertEquals(1, page.findElements(By.cssSelector("#chart-byDay g.bar")).size());

        List<WebElement> log = page.findElements(By.cssSelector("#log-table tr.log-row"));
        assertEquals(3, log.size());
        assertEquals("claude-sonnet-4.6", log.get(0).findElement(By.className("log-model")).getText(), "newest first");
        assertTrue(log.get(0).findElement(By.className("log-tokens")).getText().startsWith("500 in (100 cached), 20 out"),
                log.get(0).getText());
        assertTrue(log.get(1).getText().contains("stream"), log.get(1).getText());
        browser.screenshot("usage-records");

        pages.fill("filter-model", "gpt-4.1");
        pages.navigate(page.findElement(By.id("apply-filter")));
        assertEquals(2, page.findElements(By.cssSelector("#log-table tr.log-row")).size());

        page.get(BASE + "/console/usage?keyId=" + keyId + "&limit=2");
        assertEquals(2, page.findElements(By.cssSelector("#log-table tr.log-row")).size());
        pages.navigate(page.findElement(By.id("log-older")));
        List<WebElement> older = page.findElements(By.cssSelector("#log-table tr.log-row"));
        assertEquals(1, older.size(), "the second page");
        assertEquals("gpt-4.1", older.get(0).findElement(By.className("log-model")).getText());
        assertEquals(0, page.findElements(By.id("log-older")).size(), "the last page");
    }

    @Test
    void aBadFilterIsSaidInThePagesLanguage() throws Exception {
        ChromeDriver page = browser.driver();
        page.get(BASE + "/console/usage?from=yesterday");
        assertTrue(page.findElement(By.id("bad-filter")).getText().startsWith("This filter is not valid: From (UTC day or ISO time)."),
                page.findElement(By.id("bad-filter")).getText());
        assertTrue(page.findElements(By.id("request-log")).isEmpty());

        try (HeadlessChromium chinese = new HeadlessChromium("zh-CN")) {
            ConsolePageDriver zh = new ConsolePageDriver(chinese.driver(), BASE);
            zh.signIn(ADMIN, PASSWORD);
            chinese.driver().get(BASE + "/console/usage?keyId=" + keyId);
            assertEquals("请求日志", chinese.driver().findElement(By.cssSelector("#request-log h2")).getText());
            assertEquals("按模型统计的令牌", chinese.driver().findElement(By.cssSelector("#chart-byModel figcaption")).getText());
            chinese.screenshot("usage-records-zh");
        }
    }

    private static HttpResponse<String> admin(String path, String body) throws Exception {
        return ItEnvironment.send(ItEnvironment.request(GATEWAY, path).header("Authorization", "Bearer " + adminKey)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Polls (at most 20 s) until the key's records are written: the writer batches every second. */
    private static void awaitRecords(int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        do {
            HttpResponse<String> rows = ItEnvironment.send(ItEnvironment.request(GATEWAY, "/admin/api/requests?keyId=" + keyId)
                    .header("Authorization", "Bearer " + adminKey));
            if (JsonIo.read(rows.body()).asJsonObject().getJsonArray("data").size() >= count) {
                return;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the key's " + count + " usage records were not written within 20 s");
    }
}
