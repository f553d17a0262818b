package dev.copilotgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import dev.copilotgateway.fakeupstream.FakePremiumQuota;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The console's dashboard, Accounts and Usage pages in a real headless Chromium against the WAR in a real Tomcat (issue
 * 12): the dashboard counts the accounts and this node's requests; an account added by GitHub token (never echoed), its
 * name, priority and weight changed as the admin API then shows them, its quota on the Usage page as the fake GitHub
 * reports it, and removed. Its own console admin and account are deleted afterwards (test classes share the database).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsolePagesBrowserIT {

    private static final String GATEWAY = "/copilot-gateway";
    private static final String BASE = "http://127.0.0.1:" + ItEnvironment.HTTP_PORT + GATEWAY;
    private static final String ADMIN = "pages-admin";
    private static final String PASSWORD = "a long pages passphrase";
    private static final String TOKEN = "ghu_consolePagesAddedByToken0123456789";
    private static final String LOGIN = "pages-login";

    private static FakeCopilotUpstream upstream;
    private static String adminKey;
    private static long adminUserId;
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
        adminKey = ItEnvironment.adminKey();
        ItEnvironment.awaitNoCooldown(GATEWAY);
        String body = "{\"username\":\"" + ADMIN + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"admin\"}";
        HttpResponse<String> created = ItEnvironment.send(ItEnvironment.request(GATEWAY, "/admin/api/console-users")
                .header("Authorization", "Bearer " + adminKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(201, created.statusCode(), created.body());
        adminUserId = json(created.body()).getJsonNumber("id").longValue();
        browser = new HeadlessChromium("en-US");
        pages = new ConsolePageDriver(browser.driver(), BASE);
        pages.signIn(ADMIN, PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (adminKey != null) {
            Optional<Long> account = accountId(LOGIN);
            if (account.isPresent()) {
                ItEnvironment.send(adminApi("/admin/api/accounts/" + account.get()).DELETE());
            }
            if (adminUserId != 0) {
                ItEnvironment.send(adminApi("/admin/api/console-users/" + adminUserId).DELETE());
            }
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    @Order(1)
    void theDashboardCountsTheAccountsAndThisNodesRequests() throws Exception {
        ChromeDriver page = driver();
        page.get(BASE + "/console/");
        int accounts = json("{\"a\":" + ItEnvironment.get(GATEWAY, "/admin/api/accounts", adminKey).body() + "}").getJsonArray("a").size();
        int shown = 0;
        for (String group : List.of("up", "cooling", "failing", "disabled")) {
            shown += Integer.parseInt(page.findElement(By.id("count-" + group)).getText());
        }
        assertEquals(accounts, shown, "every account in one group");
        assertTrue(page.findElement(By.id("accounts-up")).getText().contains(ItEnvironment.GITHUB_LOGIN), "the serving bootstrap account is up, named");
        assertTrue(page.findElement(By.id("tokens-last-hour")).getText().matches("[\\d,]+ input and [\\d,]+ output tokens \\([\\d,]+ requests, all nodes\\)"),
                page.findElement(By.id("tokens-last-hour")).getText());
        long before = Long.parseLong(page.findElement(By.id("requests-last-hour")).getText());

        HttpResponse<String> chat = ItEnvironment.send(ItEnvironment.request(GATEWAY, "/v1/chat/completions")
                .header("Authorization", "Bearer " + ItEnvironment.API_KEYS.get(0)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")));
        assertEquals(200, chat.statusCode(), chat.body());

        page.get(BASE + "/console/");
        assertEquals(before + 1, Long.parseLong(page.findElement(By.id("requests-last-hour")).getText()), "the request just made counts");
        browser.screenshot("dashboard");
    }

    @Test
    @Order(2)
    void aRefusedTokenIsSaidInThePagesLanguageAndNeverEchoed() throws Exception {
        ChromeDriver page = driver();
        pages.navigate(page.findElement(By.id("nav-accounts")));
        pages.fill("githubToken", "ghu_notAUserTheFakeGitHubKnows0123");
        pages.navigate(page.findElement(By.id("add-by-token")));

        assertEquals("GitHub refused that token: it is not valid, or it was revoked.", page.findElement(By.id("error")).getText());
        assertFalse(page.getPageSource().contains("ghu_notAUserTheFakeGitHubKnows0123"), "the token is not echoed");
        assertEquals("", page.findElement(By.id("githubToken")).getAttribute("value"));
        assertEquals("password", page.findElement(By.id("githubToken")).getAttribute("type"));
    }

    @Test
    @Order(3)
    void anAdminAddsAnAccountByTokenAndChangesItsNamePriorityAndWeight() throws Exception {
        upstream.addGitHubUser(TOKEN, 73_201, LOGIN);
        upstream.setPremiumQuota(TOKEN, FakePremiumQuota.of(300, 120.5));
        ChromeDriver page = driver();
        page.get(BASE + "/console/accounts");
        pages.fill("githubToken", TOKEN);
        pages.navigate(page.findElement(By.id("add-by-token")));

        long id = accountId(LOGIN).orElseThrow(() -> new AssertionError("the admin API lists the account added"));
        assertEquals("Account #" + id + " added.", page.findElement(By.id("notice")).getText());
        assertFalse(page.getPageSource().contains(TOKEN), "the token is never on the page");
        WebElement row = row(id);
        assertTrue(row.findElement(By.cssSelector("td.quota-cell")).getText().contains("120.5 of 300 left (40 %)"), row.getText());
        assertEquals("40", row.findElement(By.cssSelector("meter.quota")).getAttribute("value"));

        pages.fill(page.findElement(By.id("name-" + id)), "pages team");
        pages.fill(page.findElement(By.id("priority-" + id)), "7");
        pages.fill(page.findElement(By.id("weight-" + id)), "42");
        pages.navigate(page.findElement(By.id("save-" + id)));

        assertEquals("Account #" + id + " saved.", page.findElement(By.id("notice")).getText());
        assertEquals("7", row(id).findElement(By.cssSelector("td.priority")).getText());
        JsonObject account = json(ItEnvironment.get(GATEWAY, "/admin/api/accounts/" + id, adminKey).body());
        assertEquals(7, account.getInt("priority"));
        assertEquals(42, account.getInt("weight"));
        assertEquals("pages team", account.getString("name"));
        browser.screenshot("accounts-full");

        // What the browser's own checks would stop, the server refuses too, in the page's language, and changes nothing.
        page.executeScript("const weight = document.getElementById(arguments[0]); weight.removeAttribute('max'); weight.value = '500';",
                "weight-" + id);
        pages.navigate(page.findElement(By.id("save-" + id)));
        assertEquals("The weight must be a whole number from 1 to 100.", page.findElement(By.id("error")).getText());
        assertEquals(42, json(ItEnvironment.get(GATEWAY, "/admin/api/accounts/" + id, adminKey).body()).getInt("weight"));
    }

    @Test
    @Order(4)
    void theUsagePageShowsEachAccountsCopilotQuota() throws Exception {
        long id = accountId(LOGIN).orElseThrow();
        ChromeDriver page = driver();
        pages.navigate(page.findElement(By.id("nav-usage")));

        WebElement account = page.findElement(By.id("usage-" + id));
        assertEquals("individual", account.findElement(By.cssSelector("dd.plan-name")).getText());
        assertTrue(account.findElement(By.cssSelector("tr.quota-premium_interactions")).getText().contains("120.5 of 300 left (40 %)"),
                account.getText());
        assertTrue(account.findElement(By.cssSelector("tr.quota-chat")).getText().contains("unlimited"), account.getText());
        assertTrue(account.findElement(By.cssSelector("dd.reset-date")).getText().matches("\\d{4}-\\d{2}-01"), account.getText());
        assertTrue(page.findElement(By.id("request-log")).isDisplayed(), "the request log (UsagePageBrowserIT tests it)");
        browser.screenshot("usage");
    }

    @Test
    @Order(5)
    void anAdminRemovesTheAccount() throws Exception {
        long id = accountId(LOGIN).orElseThrow();
        ChromeDriver page = driver();
        pages.navigate(page.findElement(By.id("nav-accounts")));
        pages.navigate(page.findElement(By.id("remove-" + id)));
        assertEquals("Tick the box to confirm the removal.", page.findElement(By.id("error")).getText());
        page.findElement(By.id("confirm-" + id)).click();
        pages.navigate(page.findElement(By.id("remove-" + id)));

        assertEquals(List.of(), page.findElements(By.cssSelector("tr[data-account-id='" + id + "']")));
        assertEquals(Optional.empty(), accountId(LOGIN), "gone from the admin API");
    }

    @Test
    @Order(6)
    void theNewPagesSpeakChinese() throws Exception {
        try (HeadlessChromium chinese = new HeadlessChromium("zh-CN")) {
            ConsolePageDriver zh = new ConsolePageDriver(chinese.driver(), BASE);
            zh.signIn(ADMIN, PASSWORD);
            assertEquals("仪表板", chinese.driver().findElement(By.tagName("h1")).getText());
            assertTrue(chinese.driver().findElement(By.id("accounts-up")).getText().contains("正常"));
            chinese.screenshot("dashboard-zh");
            chinese.driver().get(BASE + "/console/usage");
            assertEquals("用量", chinese.driver().findElement(By.tagName("h1")).getText());
            chinese.screenshot("usage-zh");
        }
    }

    private static WebElement row(long id) {
        return driver().findElement(By.cssSelector("#accounts tr[data-account-id='" + id + "']"));
    }

    private static ChromeDriver driver() {
        return browser.driver();
    }

    private static Optional<Long> accountId(String login) throws Exception {
        String accounts = ItEnvironment.get(GATEWAY, "/admin/api/accounts", adminKey).body();
        return json("{\"a\":" + accounts + "}").getJsonArray("a").getValuesAs(JsonObject.class).stream()
                .filter(account -> login.equals(account.getString("login", null)))
                .map(account -> account.getJsonNumber("id").longValue())
                .findFirst();
    }

    private static HttpRequest.Builder adminApi(String path) {
        return ItEnvironment.request(GATEWAY, path).header("Authorization", "Bearer " + adminKey);
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
