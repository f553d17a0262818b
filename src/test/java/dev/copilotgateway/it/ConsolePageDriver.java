package dev.copilotgateway.it;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** What a console browser test does again and again: sign in, fill a field, click through to the next page and wait for it. */
final class ConsolePageDriver {

    private final ChromeDriver driver;
    private final String base;

    /** @param base the gateway's address, such as {@code http://127.0.0.1:8080/copilot-gateway} */
    ConsolePageDriver(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    ChromeDriver driver() {
        return driver;
    }

    void signIn(String username, String password) throws InterruptedException {
        driver.get(base + "/console/login");
        fill("username", username);
        fill("password", password);
        navigate(driver.findElement(By.id("sign-in")));
    }

    void fill(String id, String value) {
        fill(driver.findElement(By.id(id)), value);
    }

    void fill(WebElement field, String value) {
        field.clear();
        field.sendKeys(value);
    }

    /**
     * Clicks what leads to another page (a link, a form's button) and waits (at most 10 s) until that page has replaced
     * this one and is loaded: a click returns before the browser has navigated.
     */
    void navigate(WebElement target) throws InterruptedException {
        WebElement current = driver.findElement(By.tagName("html"));
        target.click();
        for (int i = 0; i < 100 && !isGone(current); i++) {
            Thread.sleep(100);
        }
        for (int i = 0; i < 100 && !"complete".equals(driver.executeScript("return document.readyState")); i++) {
            Thread.sleep(100);
        }
    }

    private static boolean isGone(WebElement element) {
        try {
            element.isDisplayed();
            return false;
        } catch (StaleElementReferenceException replaced) {
            return true;
        } catch (WebDriverException leftTheDocument) { // Chromium's words, at times, for the same thing
            return String.valueOf(leftTheDocument.getMessage()).contains("does not belong to the document");
        }
    }
}
