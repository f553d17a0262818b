package dev.copilotgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.fakeupstream.FakeCopilotUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
 * The console's Approvals page in a real headless Chromium: opened before the request arrives, it shows the waiting
 * request by itself (the page's script polls the admin API), and its Approve button lets the request through. Its own
 * console admin is deleted and manual approval turned off afterwards (test classes share the Tomcat).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApprovalsBrowserIT {

    private static final String GATEWAY = "/copilot-gateway";
    private static final String BASE = "http://127.0.0.1:" + ItEnvironment.HTTP_PORT + GATEWAY;
    private static final String ADMIN = "approvals-admin";
    private static final String PASSWORD = "a long approvals passphrase";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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
        if (adminKey != null) {
            admin("PATCH", "/admin/api/pool", "{\"manualApproval\":false,\"approvalTimeout\":\"60s\"}");
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void aWaitingRequestAppearsByItselfAndIsApprovedFromThePage() throws Exception {
        assertEquals(200, admin("PATCH", "/admin/api/pool", "{\"manualApproval\":true,\"approvalTimeout\":\"60s\"}").statusCode());
        ChromeDriver page = pages.driver();
        pages.navigate(page.findElement(By.id("nav-approvals")));
        assertEquals("No request is waiting.", page.findElement(By.id("approvals-none")).getText());
        assertTrue(page.findElement(By.id("approvals-mode")).getText().startsWith("Manual approval is on"));

        CompletableFuture<HttpResponse<String>> answer = HTTP.sendAsync(HttpRequest.newBuilder(URI.create(BASE + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(60)).header("authorization", "Bearer " + ItEnvironment.API_KEYS.get(0))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"approve me\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        WebElement row = awaitRow(page);
        assertTrue(row.getText().contains("gpt-4.1") && row.getText().contains("openai-chat") && row.getText().contains("127.0.0.1"),
                row.getText());
        assertFalse(page.findElement(By.id("approvals-none")).isDisplayed());
        browser.screenshot("approvals");
        assertFalse(answer.isDone(), "the request waits for the admin");

        pages.navigate(row.findElement(By.cssSelector("button[value='approve']")));

        HttpResponse<String> response = answer.get(20, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(page.findElements(By.cssSelector("#approvals tbody tr")).isEmpty(), "the approved request left the list");
    }

    /** The request's row, drawn by the page's script (at most 15 s: it polls every 2 s). */
    private static WebElement awaitRow(ChromeDriver page) throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            List<WebElement> rows = page.findElements(By.cssSelector("#approvals tbody tr"));
            if (!rows.isEmpty()) {
                return rows.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the waiting request did not appear on the page within 15 s");
    }

    private static HttpResponse<String> admin(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(20))
                .header("authorization", "Bearer " + adminKey).header("content-type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
