package dev.copilotgateway.fakeupstream;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The github.com and api.github.com side: device flow (§2), {@code /user}, token exchange (§3), quota (§12). */
final class GitHubEndpoints {

    private final GitHubAccounts accounts;
    private final DeviceFlow deviceFlow;
    private final FakeCopilotTokens copilotTokens;
    private final Supplier<String> baseUrl;
    /** The CAPI base URL advertised in {@code endpoints.api}. */
    private final Supplier<String> apiEndpoint;

    GitHubEndpoints(GitHubAccounts accounts, DeviceFlow deviceFlow, FakeCopilotTokens copilotTokens,
                    Supplier<String> baseUrl, Supplier<String> apiEndpoint) {
        this.accounts = accounts;
        this.deviceFlow = deviceFlow;
        this.copilotTokens = copilotTokens;
        this.baseUrl = baseUrl;
        this.apiEndpoint = apiEndpoint;
    }

    /** {@code POST /login/device/code}. Without a queued script the first registered user is granted at once. */
    void deviceCode(UpstreamCall call) throws IOException {
        if (clientId(call) == null) {
            sendOAuth(call, 400, oauthError("incorrect_client_credentials", "The client_id is missing."));
            return;
        }
        DeviceFlowScript fallback = accounts.first()
                .map(account -> DeviceFlowScript.forUser(account.githubToken()).granted())
                .orElse(DeviceFlowScript.forUser(null)); // nobody to grant: pending until the code expires
        sendOAuth(call, 200, deviceFlow.start(baseUrl.get() + "/login/device", fallback));
    }

    /** {@code POST /login/oauth/access_token}. */
    void accessToken(UpstreamCall call) throws IOException {
        if (clientId(call) == null) {
            sendOAuth(call, 200, oauthError("incorrect_client_credentials", "The client_id is missing."));
            return;
        }
        sendOAuth(call, 200, deviceFlow.poll(Jsons.string(call.json(), "device_code"), Jsons.string(call.json(), "grant_type")));
    }

    /** {@code GET /user}. */
    void user(UpstreamCall call) throws IOException {
        Optional<FakeGitHubAccount> account = authenticate(call);
        if (account.isEmpty()) {
            return;
        }
        FakeGitHubAccount user = account.get();
        ExchangeIo.sendJson(call.exchange(), 200, Jsons.object()
                .add("login", user.login())
                .add("id", user.id())
                .add("node_id", "U_kgDO" + user.id())
                .add("avatar_url", "https://avatars.githubusercontent.com/u/" + user.id() + "?v=4")
                .add("html_url", "https://github.com/" + user.login())
                .add("type", "User")
                .add("site_admin", false)
                .add("name", user.login())
                .add("email", user.login() + "@users.noreply.github.com")
                .build());
    }

    /** {@code GET /copilot_internal/v2/token}. */
    void copilotToken(UpstreamCall call) throws IOException {
        Optional<FakeGitHubAccount> account = authenticate(call);
        if (account.isPresent()) {
            ExchangeIo.sendJson(call.exchange(), 200, copilotTokens.exchange(account.get(), apiEndpoint.get()));
        }
    }

    /** {@code GET /copilot_internal/user}: plan, endpoints and quota snapshots. */
    void copilotUser(UpstreamCall call) throws IOException {
        Optional<FakeGitHubAccount> account = authenticate(call);
        if (account.isEmpty()) {
            return;
        }
        FakeGitHubAccount user = account.get();
        LocalDate resetDate = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).plusMonths(1);
        String api = apiEndpoint.get();
        ExchangeIo.sendJson(call.exchange(), 200, Jsons.object()
                .add("login", user.login())
                .add("access_type_sku", user.sku())
                .add("analytics_tracking_id", Long.toHexString(user.id()))
                .add("assigned_date", "2025-05-01T10:00:00+02:00")
                .add("can_signup_for_limited", false)
                .add("chat_enabled", true)
                .add("copilot_plan", user.plan())
                .add("organization_login_list", Jsons.array())
                .add("organization_list", Jsons.array())
                .add("endpoints", Jsons.object().add("api", api).add("origin-tracker", api).add("proxy", api).add("telemetry", api))
                .add("quota_reset_date", resetDate.toString())
                .add("quota_reset_date_utc", resetDate + "T00:00:00.000Z")
                .add("quota_snapshots", Jsons.object()
                        .add("chat", unlimitedSnapshot("chat"))
                        .add("completions", unlimitedSnapshot("completions"))
                        .add("premium_interactions", premiumSnapshot(user.premiumQuota())))
                .build());
    }

    /** The account behind {@code authorization: token <github token>}; otherwise answers 401 and returns empty. */
    private Optional<FakeGitHubAccount> authenticate(UpstreamCall call) throws IOException {
        String authorization = call.header("authorization");
        Optional<FakeGitHubAccount> account = Optional.empty();
        if (authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith("token ")) {
            account = accounts.find(authorization.substring("token ".length()).trim());
        }
        if (account.isEmpty()) {
            ExchangeIo.sendJson(call.exchange(), 401, ErrorBodies.gitHubDefault(401));
        }
        return account;
    }

    private static String clientId(UpstreamCall call) {
        return call.json() == null ? null : Jsons.string(call.json(), "client_id");
    }

    private static JsonObject oauthError(String error, String description) {
        return Jsons.object().add("error", error).add("error_description", description).build();
    }

    /** GitHub's OAuth endpoints answer JSON only when asked to; otherwise form-encoded, which catches a missing accept. */
    private static void sendOAuth(UpstreamCall call, int status, JsonObject body) throws IOException {
        String accept = call.header("accept");
        if (accept != null && accept.contains("application/json")) {
            ExchangeIo.sendJson(call.exchange(), status, body);
        } else {
            ExchangeIo.send(call.exchange(), status, "application/x-www-form-urlencoded; charset=utf-8",
                    formEncode(body), Map.of());
        }
    }

    private static String formEncode(JsonObject body) {
        return body.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(scalar(entry.getValue()), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String scalar(JsonValue value) {
        if (value instanceof JsonString) {
            return ((JsonString) value).getString();
        }
        return value instanceof JsonNumber ? value.toString() : "";
    }

    private static JsonObjectBuilder unlimitedSnapshot(String id) {
        return Jsons.object()
                .add("quota_id", id).add("entitlement", 0).add("remaining", 0).add("quota_remaining", 0)
                .add("percent_remaining", 100).add("unlimited", true).add("overage_count", 0).add("overage_permitted", false);
    }

    private static JsonObjectBuilder premiumSnapshot(FakePremiumQuota quota) {
        return Jsons.object()
                .add("quota_id", "premium_interactions")
                .add("entitlement", quota.entitlement())
                .add("remaining", (long) Math.floor(quota.remaining()))
                .add("quota_remaining", quota.remaining())
                .add("percent_remaining", quota.percentRemaining())
                .add("unlimited", quota.unlimited())
                .add("overage_count", 0)
                .add("overage_permitted", quota.overagePermitted());
    }
}
