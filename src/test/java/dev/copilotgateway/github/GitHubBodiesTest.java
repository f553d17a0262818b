package dev.copilotgateway.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.copilotgateway.config.Secret;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The JSON-B mapping of each GitHub body, with the defaults of the JAX-RS JSON-B provider the client uses. */
class GitHubBodiesTest {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @AfterAll
    static void close() throws Exception {
        JSONB.close();
    }

    @Test
    void requestsAreWrittenWithGitHubsNames() {
        assertEquals("{\"client_id\":\"Iv1.x\",\"scope\":\"read:user\"}",
                JSONB.toJson(new GitHubBodies.DeviceCodeRequest("Iv1.x", "read:user")));
        assertEquals("{\"client_id\":\"Iv1.x\",\"device_code\":\"dc-123\",\"grant_type\":\"urn:g\"}",
                JSONB.toJson(new GitHubBodies.AccessTokenRequest("Iv1.x", new Secret("dc-123"), "urn:g")));
    }

    @Test
    void theDeviceCodeAnswerIsReadAndItsCodeStaysHidden() {
        GitHubBodies.DeviceCodeAnswer answer = JSONB.fromJson("{\"device_code\":\"dc-secret\",\"user_code\":\"ABCD-EFGH\","
                + "\"verification_uri\":\"https://github.com/login/device\",\"expires_in\":900,\"interval\":5,\"new_member\":[1]}",
                GitHubBodies.DeviceCodeAnswer.class);

        assertEquals(new GitHubBodies.DeviceCodeAnswer(new Secret("dc-secret"), "ABCD-EFGH", "https://github.com/login/device", 900L, 5L,
                null, null), answer);
        assertFalse(answer.toString().contains("dc-secret"), answer.toString());
    }

    @Test
    void aPollAnswerCarriesEitherTheTokenOrTheOAuthError() {
        GitHubBodies.AccessTokenAnswer granted = JSONB.fromJson("{\"access_token\":\"ghu_secret\",\"token_type\":\"bearer\",\"scope\":\"\"}",
                GitHubBodies.AccessTokenAnswer.class);
        GitHubBodies.AccessTokenAnswer slowDown = JSONB.fromJson("{\"error\":\"slow_down\",\"error_description\":\"Too many\",\"interval\":10}",
                GitHubBodies.AccessTokenAnswer.class);

        assertEquals(new GitHubBodies.AccessTokenAnswer(new Secret("ghu_secret"), null, null, null), granted);
        assertFalse(granted.toString().contains("ghu_secret"));
        assertEquals(new GitHubBodies.AccessTokenAnswer(null, "slow_down", "Too many", 10L), slowDown);
    }

    @Test
    void theUserAndTheCopilotTokenAreRead() {
        assertEquals(new GitHubBodies.UserAnswer(4242L, "alice", null),
                JSONB.fromJson("{\"id\":4242,\"login\":\"alice\",\"name\":null,\"plan\":{\"name\":\"pro\"}}", GitHubBodies.UserAnswer.class));
        GitHubBodies.CopilotTokenAnswer token = JSONB.fromJson("{\"token\":\"tid=abc\",\"expires_at\":1767000000,\"refresh_in\":1500,"
                + "\"endpoints\":{\"api\":\"https://api.individual.githubcopilot.com\",\"proxy\":\"x\"},\"sku\":\"free\"}",
                GitHubBodies.CopilotTokenAnswer.class);

        assertEquals(new GitHubBodies.CopilotTokenAnswer(new Secret("tid=abc"), 1767000000L, 1500L,
                new GitHubBodies.Endpoints("https://api.individual.githubcopilot.com")), token);
        assertFalse(token.toString().contains("tid=abc"));
    }

    @Test
    void theUsageAnswerKeepsObjectSnapshotsAndReadsOddMembersAsAbsent() {
        GitHubBodies.CopilotUserAnswer usage = JSONB.fromJson("{\"copilot_plan\":\"individual\",\"access_type_sku\":\"sku\","
                + "\"quota_reset_date\":\"2026-01-01\",\"endpoints\":{\"api\":\"https://api\"},\"quota_snapshots\":{"
                + "\"premium_interactions\":{\"entitlement\":300,\"quota_remaining\":212.5,\"percent_remaining\":70.8,"
                + "\"unlimited\":false,\"overage_permitted\":true,\"nested\":{\"a\":[1,{}]}},"
                + "\"odd\":3,\"list\":[{\"x\":1}],"
                + "\"chat\":{\"entitlement\":\"12\",\"remaining\":[1],\"unlimited\":\"yes\",\"overage_permitted\":null}}}",
                GitHubBodies.CopilotUserAnswer.class);

        assertEquals("individual", usage.copilotPlan());
        assertEquals("https://api", usage.endpoints().api());
        assertEquals(Map.of(
                "premium_interactions", new GitHubBodies.QuotaAnswer(300.0, 212.5, null, 70.8, false, true),
                "chat", new GitHubBodies.QuotaAnswer(null, null, null, null, null, null)), usage.quotaSnapshots());
    }

    @Test
    void quotaSnapshotsThatAreNotAnObjectAreNone() {
        assertEquals(Map.of(), JSONB.fromJson("{\"quota_snapshots\":[1,2]}", GitHubBodies.CopilotUserAnswer.class).quotaSnapshots());
        assertNull(JSONB.fromJson("{}", GitHubBodies.CopilotUserAnswer.class).quotaSnapshots());
    }

    @Test
    void malformedOrMistypedAnswersFailToBind() {
        assertThrows(JsonbException.class, () -> JSONB.fromJson("{\"id\":\"4242\",\"login\":", GitHubBodies.UserAnswer.class));
        assertThrows(JsonbException.class, () -> JSONB.fromJson("[1]", GitHubBodies.UserAnswer.class));
        assertThrows(JsonbException.class, () -> JSONB.fromJson("{\"expires_at\":\"soon\"}", GitHubBodies.CopilotTokenAnswer.class));
    }
}
