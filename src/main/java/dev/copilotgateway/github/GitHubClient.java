package dev.copilotgateway.github;

import dev.copilotgateway.config.Secret;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The GitHub side of the Copilot connection, with the header sets of UPSTREAM.md §2, §3 and §12: the device flow
 * on the web host, {@code /user} and the {@code copilot_internal} endpoints on the API host (GitHub tokens go there
 * as {@code authorization: token ...}). Every call is asynchronous; failures complete the future with a
 * {@link GitHubException}.
 */
public final class GitHubClient {

    /** The VS Code Copilot GitHub App (UPSTREAM.md §2.1). */
    static final String CLIENT_ID = "Iv1.b507a08c87ecfe98";
    static final String DEVICE_GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";
    /** {@code x-github-api-version} of the public REST API and of the {@code copilot_internal} endpoints. */
    static final String REST_API_VERSION = "2022-11-28";
    static final String COPILOT_INTERNAL_API_VERSION = "2025-04-01";

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_QUOTED_MESSAGE = 200;

    private final HttpClient http;
    private final EditorIdentity editor;

    public GitHubClient(HttpClient http, EditorIdentity editor) {
        this.http = http;
        this.editor = editor;
    }

    /** {@code POST /login/device/code}: a new device code for the operator to enter. */
    public CompletableFuture<DeviceCode> requestDeviceCode(GitHubHosts hosts) {
        String body = JsonBodies.JSON.createObjectBuilder().add("client_id", CLIENT_ID).add("scope", "read:user").build().toString();
        return send(oauthPost(hosts.web().resolve("/login/device/code"), body), "the device code request", response -> {
            JsonObject json = successJson(response, "the device code request");
            Optional<String> error = JsonBodies.string(json, "error");
            if (error.isPresent()) {
                throw new GitHubException(GitHubException.Problem.REFUSED, "GitHub refused the device code request: " + oauthError(json, error.get()));
            }
            Optional<String> deviceCode = JsonBodies.string(json, "device_code");
            Optional<String> userCode = JsonBodies.string(json, "user_code");
            Optional<String> verificationUri = JsonBodies.string(json, "verification_uri");
            if (deviceCode.isEmpty() || userCode.isEmpty() || verificationUri.isEmpty()) {
                throw unreadable("the device code request");
            }
            return new DeviceCode(new Secret(deviceCode.get()), userCode.get(), URI.create(verificationUri.get()),
                    Duration.ofSeconds(JsonBodies.integer(json, "expires_in").orElse(900L)),
                    Duration.ofSeconds(Math.max(0, JsonBodies.integer(json, "interval").orElse(5L))));
        });
    }

    /** One poll of {@code POST /login/oauth/access_token}; GitHub answers 200 with an {@code error} while not granted. */
    public CompletableFuture<AccessTokenPoll> pollAccessToken(GitHubHosts hosts, Secret deviceCode) {
        String body = JsonBodies.JSON.createObjectBuilder()
                .add("client_id", CLIENT_ID)
                .add("device_code", deviceCode.reveal())
                .add("grant_type", DEVICE_GRANT_TYPE)
                .build().toString();
        return send(oauthPost(hosts.web().resolve("/login/oauth/access_token"), body), "the device flow poll", response -> {
            JsonObject json = successJson(response, "the device flow poll");
            Optional<String> token = JsonBodies.string(json, "access_token").filter(value -> !value.isBlank());
            if (token.isPresent()) {
                return new AccessTokenPoll.Granted(new Secret(token.get()));
            }
            String error = JsonBodies.string(json, "error").orElse("");
            return switch (error) {
                case "authorization_pending" -> new AccessTokenPoll.Pending();
                case "slow_down" -> new AccessTokenPoll.SlowDown(JsonBodies.integer(json, "interval").map(Duration::ofSeconds));
                case "expired_token" -> new AccessTokenPoll.Expired();
                case "access_denied" -> new AccessTokenPoll.Denied();
                case "" -> new AccessTokenPoll.Failed("GitHub's answer has neither an access token nor an error");
                default -> new AccessTokenPoll.Failed(oauthError(json, error));
            };
        });
    }

    /** {@code GET /user}: who the token belongs to. 401 means the token is dead. */
    public CompletableFuture<GitHubUser> user(GitHubHosts hosts, Secret githubToken) {
        HttpRequest request = apiGet(hosts.api().resolve("/user"), githubToken)
                .header("x-github-api-version", REST_API_VERSION)
                .build();
        return send(request, "the user lookup", response -> {
            JsonObject json = apiJson(response, "the user lookup", false);
            Optional<Long> id = JsonBodies.integer(json, "id");
            Optional<String> login = JsonBodies.string(json, "login");
            if (id.isEmpty() || login.isEmpty()) {
                throw unreadable("the user lookup");
            }
            return new GitHubUser(id.get(), login.get(), JsonBodies.string(json, "name").orElse(null));
        });
    }

    /** {@code GET /copilot_internal/v2/token}: a short-lived Copilot token for the GitHub token. */
    public CompletableFuture<CopilotTokenGrant> exchangeCopilotToken(GitHubHosts hosts, Secret githubToken) {
        return send(copilotInternalGet(hosts.api().resolve("/copilot_internal/v2/token"), githubToken), "the Copilot token exchange", response -> {
            JsonObject json = apiJson(response, "the Copilot token exchange", true);
            Optional<String> token = JsonBodies.string(json, "token").filter(value -> !value.isBlank());
            Optional<Long> expiresAt = JsonBodies.integer(json, "expires_at");
            if (token.isEmpty() || expiresAt.isEmpty()) {
                throw unreadable("the Copilot token exchange");
            }
            Optional<URI> api = JsonBodies.child(json, "endpoints").flatMap(endpoints -> JsonBodies.string(endpoints, "api")).flatMap(GitHubClient::uri);
            return new CopilotTokenGrant(new Secret(token.get()), Instant.ofEpochSecond(expiresAt.get()),
                    Duration.ofSeconds(Math.max(0, JsonBodies.integer(json, "refresh_in").orElse(0L))), api, serverTime(response));
        });
    }

    /** {@code GET /copilot_internal/user}: plan and quota snapshots (every field optional). */
    public CompletableFuture<CopilotUsage> copilotUsage(GitHubHosts hosts, Secret githubToken) {
        return send(copilotInternalGet(hosts.api().resolve("/copilot_internal/user"), githubToken), "the Copilot usage lookup", response -> {
            JsonObject json = apiJson(response, "the Copilot usage lookup", true);
            Map<String, CopilotUsage.QuotaSnapshot> quotas = new LinkedHashMap<>();
            JsonBodies.child(json, "quota_snapshots").ifPresent(snapshots -> snapshots.forEach((id, value) -> {
                if (value instanceof JsonObject quota) {
                    quotas.put(id, new CopilotUsage.QuotaSnapshot(
                            JsonBodies.decimal(quota, "entitlement"),
                            Optional.ofNullable(JsonBodies.decimal(quota, "quota_remaining")).orElse(JsonBodies.decimal(quota, "remaining")),
                            JsonBodies.decimal(quota, "percent_remaining"),
                            JsonBodies.bool(quota, "unlimited"),
                            JsonBodies.bool(quota, "overage_permitted")));
                }
            }));
            return new CopilotUsage(
                    JsonBodies.string(json, "copilot_plan").orElse(null),
                    JsonBodies.string(json, "access_type_sku").orElse(null),
                    JsonBodies.child(json, "endpoints").flatMap(endpoints -> JsonBodies.string(endpoints, "api")).orElse(null),
                    JsonBodies.string(json, "quota_reset_date").orElse(null),
                    Map.copyOf(quotas));
        });
    }

    private HttpRequest oauthPost(URI uri, String json) {
        return HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("content-type", "application/json")
                .header("accept", "application/json")
                .header("user-agent", editor.userAgent())
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    private HttpRequest.Builder apiGet(URI uri, Secret githubToken) {
        return HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("authorization", "token " + githubToken.reveal())
                .header("accept", "application/json")
                .header("user-agent", editor.userAgent())
                .GET();
    }

    /** The header set VS Code sends to {@code copilot_internal} (UPSTREAM.md §3). */
    private HttpRequest copilotInternalGet(URI uri, Secret githubToken) {
        return apiGet(uri, githubToken)
                .header("editor-version", editor.editorVersion())
                .header("editor-plugin-version", editor.editorPluginVersion())
                .header("x-github-api-version", COPILOT_INTERNAL_API_VERSION)
                .header("x-vscode-user-agent-library-version", "electron-fetch")
                .build();
    }

    /** Sends without blocking; transport failures become {@link GitHubException}s naming the host, never the request's headers. */
    private <T> CompletableFuture<T> send(HttpRequest request, String what, Function<HttpResponse<String>, T> read) {
        CompletableFuture<HttpResponse<String>> sent;
        try {
            sent = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(transportFailure(request, what, refused));
        }
        return sent.handle((response, failure) -> {
            if (failure != null) {
                throw transportFailure(request, what, failure instanceof CompletionException ? failure.getCause() : failure);
            }
            return read.apply(response);
        });
    }

    private static GitHubException transportFailure(HttpRequest request, String what, Throwable failure) {
        if (failure instanceof GitHubException gitHub) {
            return gitHub;
        }
        String cause = failure instanceof HttpTimeoutException ? "timed out"
                : failure instanceof IOException ? "could not connect or was cut (" + failure.getClass().getSimpleName() + ")"
                : "failed (" + failure.getClass().getSimpleName() + ")";
        return new GitHubException(GitHubException.Problem.UNAVAILABLE, what + " to " + request.uri().getHost() + " " + cause);
    }

    /** The JSON of a 2xx answer; anything else is a transient failure. */
    private static JsonObject successJson(HttpResponse<String> response, String what) {
        if (response.statusCode() / 100 != 2) {
            throw new GitHubException(GitHubException.Problem.UNAVAILABLE, "GitHub answered HTTP " + response.statusCode() + " to " + what);
        }
        return JsonBodies.object(response.body()).orElseThrow(() -> unreadable(what));
    }

    /** The JSON of an API answer: 401 is a dead token, 403/404 on a Copilot endpoint means no Copilot, the rest is transient. */
    private static JsonObject apiJson(HttpResponse<String> response, String what, boolean copilotEndpoint) {
        int status = response.statusCode();
        if (status == 401) {
            throw new GitHubException(GitHubException.Problem.TOKEN_REJECTED,
                    "GitHub rejected the token (HTTP 401" + quotedMessage(response) + ") in " + what);
        }
        if (copilotEndpoint && (status == 403 || status == 404)) {
            throw new GitHubException(GitHubException.Problem.NO_COPILOT,
                    "No Copilot access for this account (HTTP " + status + quotedMessage(response) + ")");
        }
        return successJson(response, what);
    }

    private static String quotedMessage(HttpResponse<String> response) {
        return JsonBodies.object(response.body())
                .flatMap(json -> JsonBodies.string(json, "message"))
                .map(GitHubClient::printable)
                .filter(message -> !message.isEmpty())
                .map(message -> ": " + message)
                .orElse("");
    }

    private static String oauthError(JsonObject json, String error) {
        return printable(error) + JsonBodies.string(json, "error_description").map(description -> " (" + printable(description) + ")").orElse("");
    }

    /** GitHub's text for logs and API answers: one line, no control characters, bounded length. */
    private static String printable(String text) {
        String oneLine = text.replaceAll("\\p{Cntrl}+", " ").strip();
        return oneLine.length() <= MAX_QUOTED_MESSAGE ? oneLine : oneLine.substring(0, MAX_QUOTED_MESSAGE) + "…";
    }

    private static GitHubException unreadable(String what) {
        return new GitHubException(GitHubException.Problem.UNAVAILABLE, "GitHub's answer to " + what + " could not be read");
    }

    /** The answer's {@code Date} header (RFC 1123), if present and readable. */
    private static Optional<Instant> serverTime(HttpResponse<String> response) {
        try {
            return response.headers().firstValue("date").map(date -> Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(date)));
        } catch (DateTimeException unreadable) {
            return Optional.empty();
        }
    }

    private static Optional<URI> uri(String text) {
        try {
            return Optional.of(URI.create(text));
        } catch (IllegalArgumentException notAUri) {
            return Optional.empty();
        }
    }
}
