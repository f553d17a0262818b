package dev.copilotgateway.it;

import dev.copilotgateway.fakeupstream.DeviceFlowScript;
import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import dev.copilotgateway.protocol.JsonIo;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.util.List;
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
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console in a real headless Chromium against the WAR in a real Tomcat (issue 12): first-run setup refused without
 * the admin key and done with it, sign-out, a wrong password, sign-in, the Chinese console and the language switcher, a
 * forged POST refused, and a viewer without any state-changing form. Every page is saved under {@code target/console-screenshots/}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    private static final String GATEWAY = "/copilot-gateway";
    private static final String BASE = "http://127.0.0.1:" + ItEnvironment.HTTP_PORT + GATEWAY;
    private static final String ADMIN = "browser-admin";
    private static final String PASSWORD = "a long browser passphrase";

    private static FakeCopilotUpstream upstream;
    private static String adminKey;
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
        ItEnvironment.deleteConsoleUsers(GATEWAY, adminKey);
        browser = new HeadlessChromium("en-US");
        pages = new ConsolePageDriver(browser.driver(), BASE);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
            ItEnvironment.deleteConsoleUsers(GATEWAY, adminKey);
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    @Order(1)
    void setupIsRefusedWithoutTheAdminKey() throws Exception {
        WebDriver page = driver();
        page.get(BASE + "/console/");
        assertTrue(page.getCurrentUrl().endsWith("/console/setup"), page.getCurrentUrl());
        browser.screenshot("setup");

        pages.fill("adminKey", "not-the-admin-key");
        pages.fill("username", ADMIN);
        pages.fill("password", PASSWORD);
        pages.navigate(page.findElement(By.id("create-admin")));

        assertEquals("That is not the gateway's admin API key.", page.findElement(By.id("error")).getText());
        browser.screenshot("setup-refused");
    }

    @Test
    @Order(2)
    void setupWithTheAdminKeyCreatesTheAdminAndSignsIn() throws Exception {
        WebDriver page = driver();
        page.get(BASE + "/console/setup");
        pages.fill("adminKey", adminKey);
        pages.fill("username", ADMIN);
        pages.fill("password", PASSWORD);
        pages.navigate(page.findElement(By.id("create-admin")));

        assertTrue(page.getCurrentUrl().endsWith("/console/"), page.getCurrentUrl());
        assertEquals("Signed in as " + ADMIN + " (administrator)", page.findElement(By.id("signed-in-as")).getText());
        browser.screenshot("home");
    }

    @Test
    @Order(3)
    void signOutAndAWrongPassword() throws Exception {
        WebDriver page = driver();
        pages.navigate(page.findElement(By.id("sign-out")));
        assertTrue(page.getCurrentUrl().endsWith("/console/login"), page.getCurrentUrl());
        browser.screenshot("login");

        pages.fill("username", ADMIN);
        pages.fill("password", "not the right passphrase");
        pages.navigate(page.findElement(By.id("sign-in")));
        assertEquals("Wrong username or password.", page.findElement(By.id("error")).getText());
        browser.screenshot("login-refused");

        page.get(BASE + "/console/");
        assertTrue(page.getCurrentUrl().endsWith("/console/login"), "still signed out: " + page.getCurrentUrl());
    }

    @Test
    @Order(4)
    void signInAndAForgedPostIsRefused() throws Exception {
        pages.signIn(ADMIN, PASSWORD);
        ChromeDriver page = driver();
        assertTrue(page.findElement(By.id("signed-in-as")).getText().contains(ADMIN));

        // A form posted without the session's CSRF token, as another site's page would: refused, and still signed in.
        page.executeScript("const form = document.createElement('form'); form.method = 'post';"
                + "form.action = arguments[0]; document.body.appendChild(form); form.submit();", BASE + "/console/logout");
        waitForPageWithout(page, By.id("signed-in-as"));
        assertTrue(page.getTitle().contains("403"), page.getTitle());
        browser.screenshot("forged-post-refused");
        page.get(BASE + "/console/");
        assertTrue(page.getCurrentUrl().endsWith("/console/"), page.getCurrentUrl() + "\n" + page.getPageSource());
        assertTrue(page.findElement(By.id("signed-in-as")).getText().contains(ADMIN), "the forged sign-out changed nothing");
    }

    @Test
    @Order(5)
    void anAdminCreatesAKeySeenOnceAndRevokesIt() throws Exception {
        ChromeDriver page = driver();
        pages.navigate(page.findElement(By.id("nav-keys")));
        assertTrue(page.getCurrentUrl().endsWith("/console/keys"), page.getCurrentUrl());
        pages.fill("name", "ci-runner");
        pages.fill("owner", "platform team");
        pages.navigate(page.findElement(By.id("create-key")));

        String key = page.findElement(By.id("created-key")).getText();
        assertTrue(key.length() > 30, key);
        browser.screenshot("keys-created");
        assertEquals(200, ItEnvironment.get(GATEWAY, "/v1/models", key).statusCode(), "the key shown works on the API");

        page.get(BASE + "/console/keys");
        assertEquals(List.of(), page.findElements(By.id("created-key")), "shown only once");
        WebElement row = page.findElement(By.xpath("//table[@id='keys']//tr[td[1][text()='ci-runner']]"));
        assertTrue(row.getText().contains("platform team") && row.getText().contains("active"), row.getText());
        assertTrue(row.getText().contains(key.substring(0, 8) + "…"), "the prefix, never the key: " + row.getText());
        assertTrue(!row.getText().contains(key), row.getText());
        pages.navigate(row.findElement(By.cssSelector("button.danger")));

        WebElement revoked = driver().findElement(By.xpath("//table[@id='keys']//tr[td[1][text()='ci-runner']]"));
        assertTrue(revoked.getText().contains("revoked"), revoked.getText());
        assertEquals(401, ItEnvironment.get(GATEWAY, "/v1/models", key).statusCode(), "the revoked key is refused");
        browser.screenshot("keys");
    }

    @Test
    @Order(6)
    void anAdminAddsChangesAndDeletesAModelMappingThatTheApiHonours() throws Exception {
        ChromeDriver page = driver();
        pages.navigate(page.findElement(By.id("nav-models")));
        assertTrue(page.findElement(By.id("catalogue")).getText().contains("gpt-4.1"), "the catalogue lists Copilot's models");
        pages.fill("from", "browser-team-model");
        pages.fill("to", "gpt-4.1");
        pages.navigate(page.findElement(By.id("add-mapping")));

        WebElement row = page.findElement(By.xpath("//table[@id='mappings']//tr[td[1][text()='browser-team-model']]"));
        assertTrue(row.getText().contains("gpt-4.1"), row.getText());
        assertTrue(ItEnvironment.get(GATEWAY, "/v1/models", ItEnvironment.API_KEYS.get(0)).body().contains("browser-team-model"),
                "in force on the API at once");
        browser.screenshot("models");

        WebElement to = row.findElement(By.xpath(".//input[@name='to']"));
        to.clear();
        to.sendKeys("gpt-5-mini");
        row.findElement(By.xpath(".//input[@name='exposed']")).click(); // no longer listed
        pages.navigate(row.findElement(By.xpath(".//button[starts-with(@id, 'save-mapping-')]")));
        row = page.findElement(By.xpath("//table[@id='mappings']//tr[td[1][text()='browser-team-model']]"));
        assertEquals("gpt-5-mini", row.findElement(By.xpath("td[2]")).getText());
        String mappings = ItEnvironment.get(GATEWAY, "/admin/api/model-mappings", adminKey).body();
        assertTrue(mappings.contains("\"to\":\"gpt-5-mini\"") && mappings.contains("\"exposed\":false"), mappings);
        assertTrue(!ItEnvironment.get(GATEWAY, "/v1/models", ItEnvironment.API_KEYS.get(0)).body().contains("browser-team-model"),
                "an unlisted mapping is not in the model list");

        pages.navigate(row.findElement(By.cssSelector("button.danger")));
        assertEquals(List.of(), driver().findElements(By.xpath("//table[@id='mappings']//tr[td[1][text()='browser-team-model']]")));
        assertTrue(!ItEnvironment.get(GATEWAY, "/v1/models", ItEnvironment.API_KEYS.get(0)).body().contains("browser-team-model"));
    }

    @Test
    @Order(7)
    void anAdminAddsAnAccountByTheDeviceFlowAndRemovesIt() throws Exception {
        String token = "ghu_consoleBrowserDeviceFlowToken01234";
        upstream.addGitHubUser(token, 73_001, "browser-login");
        upstream.scriptDeviceFlow(DeviceFlowScript.forUser(token).pending(2).granted());
        ChromeDriver page = driver();
        pages.navigate(page.findElement(By.id("nav-accounts")));
        assertTrue(page.findElement(By.id("responsible-use")).isDisplayed());
        pages.navigate(page.findElement(By.id("start-device-flow")));

        String code = page.findElement(By.id("user-code")).getText();
        assertTrue(code.matches("[A-Z0-9]{4}-[A-Z0-9]{4}"), code);
        assertTrue(page.findElement(By.id("verification-uri")).getText().startsWith("http://127.0.0.1:"), "the fake GitHub's page");
        browser.screenshot("device-flow");
        String status = "";
        for (int i = 0; i < 150 && !status.startsWith("Done"); i++) { // the page follows the login by itself
            Thread.sleep(200);
            try {
                status = page.findElement(By.id("flow-status")).getText();
            } catch (NoSuchElementException | StaleElementReferenceException reloading) {
                status = "";
            }
        }
        assertTrue(status.startsWith("Done: the account is #"), status);
        pages.navigate(page.findElement(By.id("back-to-accounts")));
        WebElement row = page.findElement(By.xpath("//table[@id='accounts']//tr[td[2][starts-with(text(),'browser-login')]]"));
        browser.screenshot("accounts");

        pages.navigate(row.findElement(By.cssSelector("button.danger")));
        assertTrue(page.findElement(By.id("error")).getText().contains("confirm"), "removing needs the box ticked");
        row = page.findElement(By.xpath("//table[@id='accounts']//tr[td[2][starts-with(text(),'browser-login')]]"));
        row.findElement(By.cssSelector("input[name=confirm]")).click();
        pages.navigate(row.findElement(By.cssSelector("button.danger")));
        assertEquals(List.of(), driver().findElements(By.xpath("//table[@id='accounts']//tr[td[2][starts-with(text(),'browser-login')]]")));
        assertTrue(!ItEnvironment.get(GATEWAY, "/admin/api/accounts", adminKey).body().contains("browser-login"));
    }

    @Test
    @Order(8)
    void anAdminChangesThePoolAsTheAdminApiSeesIt() throws Exception {
        ChromeDriver page = driver();
        pages.navigate(page.findElement(By.id("nav-pool")));
        page.findElement(By.cssSelector("#strategy option[value='least-in-flight']")).click();
        pages.fill("stickinessTtl", "15m");
        pages.fill("maxAttempts", "2");
        pages.navigate(page.findElement(By.id("save-pool")));
        browser.screenshot("pool");

        JsonObject pool = JsonIo.read(ItEnvironment.get(GATEWAY, "/admin/api/pool", adminKey).body()).asJsonObject();
        assertEquals("least-in-flight", pool.getString("strategy"), pool.toString());
        assertEquals("15m", pool.getString("stickinessTtl"), pool.toString());
        assertEquals(2, pool.getInt("maxAttempts"), pool.toString());
        pages.fill("stickinessTtl", "forever");
        pages.navigate(driver().findElement(By.id("save-pool")));
        assertTrue(driver().findElement(By.id("error")).getText().startsWith("stickinessTtl"), driver().findElement(By.id("error")).getText());

        assertEquals(200, ItEnvironment.send(ItEnvironment.request(GATEWAY, "/admin/api/pool").header("Authorization", "Bearer " + adminKey)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"strategy\":\"round-robin\",\"stickinessTtl\":\"1h\",\"maxAttempts\":3}"))).statusCode(),
                "the pool as it was, for the other tests");
    }

    @Test
    @Order(9)
    void anAdminManagesUsersAndRevokesAnotherBrowsersSession() throws Exception {
        ChromeDriver page = driver();
        pages.navigate(page.findElement(By.id("nav-users")));
        pages.fill("username", "second-admin");
        pages.fill("password", PASSWORD);
        page.findElement(By.cssSelector("#role option[value='admin']")).click();
        pages.navigate(page.findElement(By.id("add-user")));
        assertTrue(page.findElement(By.id("users")).getText().contains("second-admin"), page.findElement(By.id("users")).getText());

        try (HeadlessChromium other = new HeadlessChromium("en-US")) {
            other.driver().get(BASE + "/console/login");
            other.driver().findElement(By.id("username")).sendKeys("second-admin");
            other.driver().findElement(By.id("password")).sendKeys(PASSWORD);
            other.driver().findElement(By.id("sign-in")).click();
            for (int i = 0; i < 100 && other.driver().findElements(By.id("signed-in-as")).isEmpty(); i++) {
                Thread.sleep(100);
            }
            assertTrue(other.driver().findElement(By.id("signed-in-as")).getText().contains("second-admin"));

            page.get(BASE + "/console/users");
            WebElement session = page.findElement(By.xpath("//table[@id='sessions']//tr[td[1][text()='second-admin']]"));
            browser.screenshot("users");
            pages.navigate(session.findElement(By.cssSelector("button.danger")));

            other.driver().get(BASE + "/console/");
            assertTrue(other.driver().getCurrentUrl().endsWith("/console/login"), "revoked: " + other.driver().getCurrentUrl());
        }
        WebElement row = driver().findElement(By.xpath("//table[@id='users']//tr[td[1][text()='second-admin']]"));
        pages.navigate(row.findElement(By.cssSelector("button.danger")));
        assertTrue(!driver().findElement(By.id("users")).getText().contains("second-admin"));
        assertEquals(List.of(), driver().findElements(By.xpath("//table[@id='users']//tr[td[1][text()='" + ADMIN + "']]//button")),
                "no one deletes themselves");
    }

    @Test
    @Order(10)
    void theConsoleSpeaksChineseAndRemembersTheSwitchersChoice() throws Exception {
        try (HeadlessChromium chinese = new HeadlessChromium("zh-CN")) {
            ChromeDriver page = chinese.driver();
            page.get(BASE + "/console/login");
            assertEquals("登录", page.findElement(By.tagName("h1")).getText());
            chinese.screenshot("login-zh");

            page.findElement(By.id("language-en")).click();
            waitForText(page, By.tagName("h1"), "Sign in");
            page.get(BASE + "/console/login"); // the browser still prefers Chinese; the choice wins
            assertEquals("Sign in", page.findElement(By.tagName("h1")).getText());
            page.findElement(By.id("language-zh")).click();
            waitForText(page, By.tagName("h1"), "登录");
        }
    }

    @Test
    @Order(11)
    void aViewerSeesNoFormThatChangesState() throws Exception {
        String body = "{\"username\":\"browser-viewer\",\"password\":\"" + PASSWORD + "\",\"role\":\"viewer\"}";
        assertEquals(201, ItEnvironment.send(ItEnvironment.request(GATEWAY, "/admin/api/console-users").header("Authorization", "Bearer " + adminKey)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))).statusCode());
        pages.navigate(driver().findElement(By.id("sign-out")));

        pages.signIn("browser-viewer", PASSWORD);
        WebDriver page = driver();
        assertEquals("Signed in as browser-viewer (viewer)", page.findElement(By.id("signed-in-as")).getText());
        List<WebElement> changing = page.findElements(By.cssSelector("form[method=post]:not([action$='/console/logout'])"));
        assertEquals(List.of(), changing);
        assertTrue(!page.getPageSource().contains(adminKey), "no secret on the page");
        browser.screenshot("home-viewer");

        pages.navigate(page.findElement(By.id("nav-keys")));
        assertTrue(page.findElement(By.id("keys")).getText().contains("ci-runner"), "a viewer reads the keys");
        assertEquals(List.of(), page.findElements(By.cssSelector("form[method=post]:not([action$='/console/logout'])")));
        browser.screenshot("keys-viewer");
        pages.navigate(page.findElement(By.id("nav-models")));
        assertEquals(List.of(), page.findElements(By.cssSelector("form[method=post]:not([action$='/console/logout'])")));
        assertEquals(List.of(), page.findElements(By.id("nav-users")), "no users page for a viewer");
        pages.navigate(page.findElement(By.id("nav-pool")));
        assertEquals(List.of(), page.findElements(By.cssSelector("form[method=post]:not([action$='/console/logout'])")));
        assertTrue(page.findElement(By.id("pool-settings")).getText().contains("round robin"));
        pages.navigate(page.findElement(By.id("nav-setup-clients")));
        assertTrue(page.findElement(By.id("claude-code-settings")).getText().contains("\"ANTHROPIC_BASE_URL\": \"" + BASE + "\""),
                page.findElement(By.id("claude-code-settings")).getText());
        assertTrue(page.findElement(By.id("codex-config")).getText().contains("base_url = \"" + BASE + "/v1\""));
        assertTrue(page.findElement(By.tagName("main")).getText().contains("Replace YOUR_KEY with a client API key"));
        browser.screenshot("setup-clients");
        pages.navigate(page.findElement(By.id("nav-accounts")));
        assertEquals(List.of(), page.findElements(By.cssSelector("form[method=post]:not([action$='/console/logout'])")));
        page.get(BASE + "/console/users");
        assertTrue(page.getTitle().contains("403"), page.getTitle());
    }

    private static ChromeDriver driver() {
        return browser.driver();
    }

    /** Waits (at most 10 s) until {@code element} reads {@code text}, then asserts that it does. */
    private static void waitForText(WebDriver page, By element, String text) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try {
                if (page.findElements(element).stream().anyMatch(found -> text.equals(found.getText()))) {
                    return;
                }
            } catch (WebDriverException replacedMeanwhile) {
                // the page changed between finding and reading: look again
            }
            Thread.sleep(100);
        }
        assertEquals(text, page.findElement(element).getText());
    }

    /** Waits (at most 10 s) until the page submitted by a script has replaced the one showing {@code element}. */
    private static void waitForPageWithout(WebDriver page, By element) throws InterruptedException {
        for (int i = 0; i < 100 && !page.findElements(element).isEmpty(); i++) {
            Thread.sleep(100);
        }
    }
}
