package dev.copilotgateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.copilotgateway.protocol.JsonIo;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What a console browser test starts with: a console admin of its own (made through the admin API: test classes share
 * the database) signed in in a fresh headless Chromium. Closing quits the browser and deletes the user.
 */
final class SignedInConsole implements AutoCloseable {

    private final String contextPath;
    private final String adminKey;
    private final long userId;
    private final HeadlessChromium browser;
    private final ConsolePageDriver pages;

    private SignedInConsole(String contextPath, String adminKey, long userId, HeadlessChromium browser, ConsolePageDriver pages) {
        this.contextPath = contextPath;
        this.adminKey = adminKey;
        this.userId = userId;
        this.browser = browser;
        this.pages = pages;
    }

    /** Skips the test class when Chromium or ChromeDriver is missing (CI installs both). */
    static void assumeChromium() {
        Assumptions.assumeTrue(HeadlessChromium.installed(), "Chromium and ChromeDriver are not installed (.ci/run installs them: "
                + "apt-get install chromium chromium-driver)");
    }

    /** Creates the admin {@code username} and signs them in, in a browser asking for {@code language} (e.g. {@code en-US}). */
    static SignedInConsole open(String contextPath, String adminKey, String username, String password, String language) throws Exception {
        String body = "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"role\":\"admin\"}";
        HttpResponse<String> created = ItEnvironment.send(ItEnvironment.request(contextPath, "/admin/api/console-users")
                .header("Authorization", "Bearer " + adminKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(201, created.statusCode(), created.body());
        long userId = JsonIo.read(created.body()).asJsonObject().getJsonNumber("id").longValue();
        HeadlessChromium browser = new HeadlessChromium(language);
        SignedInConsole console = new SignedInConsole(contextPath, adminKey, userId, browser,
                new ConsolePageDriver(browser.driver(), "http://127.0.0.1:" + ItEnvironment.HTTP_PORT + contextPath));
        try {
            console.pages.signIn(username, password);
        } catch (Exception | AssertionError failed) {
            console.close();
            throw failed;
        }
        return console;
    }

    HeadlessChromium browser() {
        return browser;
    }

    ConsolePageDriver pages() {
        return pages;
    }

    ChromeDriver driver() {
        return browser.driver();
    }

    long userId() {
        return userId;
    }

    @Override
    public void close() throws IOException {
        try {
            browser.close();
        } finally {
            deleteUser();
        }
    }

    private void deleteUser() throws IOException {
        try {
            ItEnvironment.send(ItEnvironment.request(contextPath, "/admin/api/console-users/" + userId)
                    .header("Authorization", "Bearer " + adminKey).DELETE());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while deleting the console user " + userId, interrupted);
        } catch (IOException failed) {
            throw failed;
        } catch (Exception failed) {
            throw new IOException("Could not delete the console user " + userId, failed);
        }
    }
}
