package dev.copilotgateway.fakeupstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeviceFlowTest extends UpstreamFixture {

    private static final String CLIENT_ID = "Iv1.b507a08c87ecfe98";

    @Test
    void deviceCodeCarriesConfiguredTiming() {
        upstream.setDeviceFlowTiming(1, 600);

        JsonObject code = TestClient.json(client.oauthPost("/login/device/code",
                "{\"client_id\":\"" + CLIENT_ID + "\",\"scope\":\"read:user\"}"));

        assertEquals(40, code.getString("device_code").length());
        assertTrue(code.getString("user_code").matches("[A-Z]{4}-[A-Z]{4}"), code.getString("user_code"));
        assertEquals(upstream.baseUrl() + "/login/device", code.getString("verification_uri"));
        assertEquals(1, code.getInt("interval"));
        assertEquals(600, code.getInt("expires_in"));
    }

    @Test
    void pendingTwiceThenGrantedToAUserThatExists() {
        upstream.scriptDeviceFlow(DeviceFlowScript.forUser(TestClient.GITHUB_TOKEN).pending(2).granted());
        String deviceCode = newDeviceCode();

        assertEquals("authorization_pending", poll(deviceCode).getString("error"));
        assertEquals("authorization_pending", poll(deviceCode).getString("error"));
        JsonObject granted = poll(deviceCode);

        assertNull(granted.get("error"));
        assertEquals(TestClient.GITHUB_TOKEN, granted.getString("access_token"));
        assertEquals("bearer", granted.getString("token_type"));
        assertEquals("read:user", granted.getString("scope"));
        assertEquals("alice", TestClient.json(client.gitHubGet("/user", granted.getString("access_token"))).getString("login"));
    }

    @Test
    void slowDownAnnouncesTheNewInterval() {
        upstream.setDeviceFlowTiming(1, 900);
        upstream.scriptDeviceFlow(DeviceFlowScript.forUser(TestClient.GITHUB_TOKEN).slowDown(2).slowDown().granted());
        String deviceCode = newDeviceCode();

        JsonObject first = poll(deviceCode);
        assertEquals("slow_down", first.getString("error"));
        assertEquals(2, first.getInt("interval"));
        JsonObject second = poll(deviceCode);
        assertEquals("slow_down", second.getString("error"));
        assertEquals(7, second.getInt("interval"), "GitHub adds 5 s to the current interval");
        assertEquals(TestClient.GITHUB_TOKEN, poll(deviceCode).getString("access_token"));
    }

    @Test
    void expiredTokenIsFinal() {
        upstream.scriptDeviceFlow(DeviceFlowScript.forUser(TestClient.GITHUB_TOKEN).pending(1).expired());
        String deviceCode = newDeviceCode();

        assertEquals("authorization_pending", poll(deviceCode).getString("error"));
        assertEquals("expired_token", poll(deviceCode).getString("error"));
        assertEquals("expired_token", poll(deviceCode).getString("error"));
    }

    @Test
    void accessDenied() {
        upstream.scriptDeviceFlow(DeviceFlowScript.forUser(TestClient.GITHUB_TOKEN).denied());

        JsonObject answer = poll(newDeviceCode());

        assertEquals("access_denied", answer.getString("error"));
        assertTrue(answer.containsKey("error_description"));
        assertTrue(answer.containsKey("error_uri"));
    }

    @Test
    void withoutScriptTheFirstRegisteredUserIsGrantedAtOnce() {
        upstream.addGitHubUser("ghu_bob", 1002, "bob");

        assertEquals(TestClient.GITHUB_TOKEN, poll(newDeviceCode()).getString("access_token"));
    }

    @Test
    void scriptsAreUsedOnePerDeviceCode() {
        upstream.scriptDeviceFlow(DeviceFlowScript.forUser("ghu_bob").granted());
        upstream.scriptDeviceFlow(DeviceFlowScript.forUser(TestClient.GITHUB_TOKEN).denied());

        assertEquals("ghu_bob", poll(newDeviceCode()).getString("access_token"));
        assertEquals("access_denied", poll(newDeviceCode()).getString("error"));
        assertEquals(TestClient.GITHUB_TOKEN, poll(newDeviceCode()).getString("access_token"));
    }

    @Test
    void codeExpiresAfterExpiresIn() {
        upstream.setDeviceFlowTiming(0, 60);
        upstream.scriptDeviceFlow(DeviceFlowScript.forUser(TestClient.GITHUB_TOKEN).pending(1000));
        String deviceCode = newDeviceCode();

        clock.advance(Duration.ofSeconds(59));
        assertEquals("authorization_pending", poll(deviceCode).getString("error"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals("expired_token", poll(deviceCode).getString("error"));
    }

    @Test
    void rejectsUnknownDeviceCodeAndWrongGrantType() {
        assertEquals("incorrect_device_code", poll("not-a-code").getString("error"));

        JsonObject wrongGrant = TestClient.json(client.oauthPost("/login/oauth/access_token",
                "{\"client_id\":\"" + CLIENT_ID + "\",\"device_code\":\"" + newDeviceCode() + "\",\"grant_type\":\"password\"}"));
        assertEquals("unsupported_grant_type", wrongGrant.getString("error"));
    }

    @Test
    void answersFormEncodedWhenJsonIsNotAccepted() {
        upstream.scriptDeviceFlow(DeviceFlowScript.forUser(TestClient.GITHUB_TOKEN).pending(1));
        String deviceCode = newDeviceCode();

        HttpResponse<String> response = client.send(client.request("/login/oauth/access_token")
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(pollBody(deviceCode))));

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/x-www-form-urlencoded"));
        assertTrue(response.body().startsWith("error=authorization_pending&"), response.body());
        assertFalse(response.body().contains("{"));
    }

    private String newDeviceCode() {
        HttpResponse<String> response = client.oauthPost("/login/device/code",
                "{\"client_id\":\"" + CLIENT_ID + "\",\"scope\":\"read:user\"}");
        assertEquals(200, response.statusCode(), response.body());
        return TestClient.json(response).getString("device_code");
    }

    private JsonObject poll(String deviceCode) {
        HttpResponse<String> response = client.oauthPost("/login/oauth/access_token", pollBody(deviceCode));
        assertEquals(200, response.statusCode(), "GitHub answers 200 even while pending");
        return TestClient.json(response);
    }

    private static String pollBody(String deviceCode) {
        return "{\"client_id\":\"" + CLIENT_ID + "\",\"device_code\":\"" + deviceCode
                + "\",\"grant_type\":\"urn:ietf:params:oauth:grant-type:device_code\"}";
    }
}
