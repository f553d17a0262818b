package dev.copilotgateway.fakeupstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GitHubApiTest extends UpstreamFixture {

    @Test
    void userIsIdentifiedByTheTokenScheme() {
        JsonObject user = TestClient.json(client.gitHubGet("/user", TestClient.GITHUB_TOKEN));

        assertEquals("alice", user.getString("login"));
        assertEquals(ALICE_ID, user.getJsonNumber("id").longValue());
        assertTrue(user.containsKey("avatar_url"));
    }

    @Test
    void unknownBearerOrRevokedTokensGet401() {
        HttpResponse<String> unknown = client.gitHubGet("/user", "ghu_nobody");
        assertEquals(401, unknown.statusCode());
        assertEquals("Bad credentials", TestClient.json(unknown).getString("message"));

        HttpResponse<String> bearer = client.send(client.request("/user")
                .header("authorization", "Bearer " + TestClient.GITHUB_TOKEN).GET());
        assertEquals(401, bearer.statusCode(), "api.github.com calls must use the 'token' scheme here");

        upstream.revokeGitHubToken(TestClient.GITHUB_TOKEN);
        assertEquals(401, client.gitHubGet("/user", TestClient.GITHUB_TOKEN).statusCode());
        assertEquals(401, client.gitHubGet("/copilot_internal/v2/token", TestClient.GITHUB_TOKEN).statusCode());
    }

    @Test
    void tokenExchangeIssuesFreshTokensPointingAtTheFake() {
        JsonObject first = TestClient.json(client.gitHubGet("/copilot_internal/v2/token", TestClient.GITHUB_TOKEN));
        JsonObject second = TestClient.json(client.gitHubGet("/copilot_internal/v2/token", TestClient.GITHUB_TOKEN));

        assertTrue(first.getString("token").startsWith("tid="));
        assertNotEquals(first.getString("token"), second.getString("token"));
        assertEquals(clock.instant().plusSeconds(1800).getEpochSecond(), first.getJsonNumber("expires_at").longValue());
        assertEquals(1500, first.getInt("refresh_in"));
        assertEquals(upstream.baseUrl(), first.getJsonObject("endpoints").getString("api"));
        assertEquals("copilot_for_individual", first.getString("sku"));
        assertTrue(first.getBoolean("chat_enabled"));
        assertEquals(2, upstream.tokenExchangeCount());
    }

    @Test
    void advertisedEndpointAndPlanCanBeChanged() {
        upstream.addGitHubUser(FakeGitHubAccount.of("ghu_corp", 7, "corp").withPlan("business"));
        upstream.setAdvertisedApiEndpoint("https://api.business.githubcopilot.com");

        JsonObject token = TestClient.json(client.gitHubGet("/copilot_internal/v2/token", "ghu_corp"));

        assertEquals("https://api.business.githubcopilot.com", token.getJsonObject("endpoints").getString("api"));
        assertEquals("copilot_for_business_seat", token.getString("sku"));
        assertFalse(token.getBoolean("individual"));
    }

    @Test
    void expiredTokensGet401UntilTheClientExchangesAgain() {
        String token = copilotToken();
        assertEquals(200, client.capiGet("/models", token).statusCode());

        upstream.expireCopilotTokens();
        HttpResponse<String> rejected = client.capiGet("/models", token);
        assertEquals(401, rejected.statusCode());
        assertEquals("unauthorized: token expired", rejected.body());

        assertEquals(200, client.capiGet("/models", copilotToken()).statusCode());
        assertEquals(2, upstream.tokenExchangeCount());
    }

    @Test
    void tokensDieAfterTheirLifetime() {
        upstream.setCopilotTokenLifetime(Duration.ofMinutes(10), Duration.ofMinutes(5));
        String token = copilotToken();
        assertEquals(200, client.capiGet("/models", token).statusCode());

        clock.advance(Duration.ofMinutes(10).minusMillis(1));
        assertEquals(200, client.capiGet("/models", token).statusCode(), "alive until the last moment");
        clock.advance(Duration.ofMillis(1));

        HttpResponse<String> dead = client.capiGet("/models", token);
        assertEquals(401, dead.statusCode());
        assertEquals("unauthorized: token expired", dead.body());
    }

    @Test
    void exchangeFailuresAreScriptable() {
        upstream.failTokenExchange(403, 1);
        upstream.failTokenExchange(500, 1);
        upstream.failTokenExchange(401, 1);

        HttpResponse<String> noSeat = client.gitHubGet("/copilot_internal/v2/token", TestClient.GITHUB_TOKEN);
        assertEquals(403, noSeat.statusCode());
        assertTrue(TestClient.json(noSeat).containsKey("message"));
        assertEquals(500, client.gitHubGet("/copilot_internal/v2/token", TestClient.GITHUB_TOKEN).statusCode());
        assertEquals(401, client.gitHubGet("/copilot_internal/v2/token", TestClient.GITHUB_TOKEN).statusCode());
        assertEquals(200, client.gitHubGet("/copilot_internal/v2/token", TestClient.GITHUB_TOKEN).statusCode());
        assertEquals(1, upstream.tokenExchangeCount(), "only successful exchanges count");
        assertEquals(4, upstream.recorder().requests("/copilot_internal/v2/token").size());
    }

    @Test
    void quotaSnapshotReflectsTheAccount() {
        upstream.setPremiumQuota(TestClient.GITHUB_TOKEN, FakePremiumQuota.of(300, 212.5).withOveragePermitted(true));

        JsonObject usage = TestClient.json(client.gitHubGet("/copilot_internal/user", TestClient.GITHUB_TOKEN));

        assertEquals("alice", usage.getString("login"));
        assertEquals("individual", usage.getString("copilot_plan"));
        assertEquals(upstream.baseUrl(), usage.getJsonObject("endpoints").getString("api"));
        assertTrue(usage.getString("quota_reset_date").matches("\\d{4}-\\d{2}-01"));
        JsonObject premium = usage.getJsonObject("quota_snapshots").getJsonObject("premium_interactions");
        assertEquals(300, premium.getInt("entitlement"));
        assertEquals(212, premium.getInt("remaining"));
        assertEquals(212.5, premium.getJsonNumber("quota_remaining").doubleValue());
        assertEquals(70.8, premium.getJsonNumber("percent_remaining").doubleValue());
        assertFalse(premium.getBoolean("unlimited"));
        assertTrue(premium.getBoolean("overage_permitted"));
        assertTrue(usage.getJsonObject("quota_snapshots").getJsonObject("chat").getBoolean("unlimited"));
    }

    @Test
    void unlimitedQuotaReportsFullPercentage() {
        upstream.setPremiumQuota(TestClient.GITHUB_TOKEN, FakePremiumQuota.unlimitedQuota());

        JsonObject premium = TestClient.json(client.gitHubGet("/copilot_internal/user", TestClient.GITHUB_TOKEN))
                .getJsonObject("quota_snapshots").getJsonObject("premium_interactions");

        assertTrue(premium.getBoolean("unlimited"));
        assertEquals(100.0, premium.getJsonNumber("percent_remaining").doubleValue());
    }
}
