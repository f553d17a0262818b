package dev.copilotgateway.github;

import dev.copilotgateway.config.Secret;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.InvocationCallback;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.jsonb.JsonBindingFeature;

/**
 * The GitHub side of the Copilot connection, with the header sets of UPSTREAM.md §2, §3 and §12: the device flow
 * on the web host, {@code /user} and the {@code copilot_internal} endpoints on the API host (GitHub tokens go there
 * as {@code authorization: token ...}). The calls go through the gateway's JAX-RS client ({@link #newRestClient}) with
 * the bodies as JSON-B records ({@link GitHubBodies}). Every call is asynchronous; failures complete the future with a
 * {@link GitHubException}.
 */
public final class GitHubClient {

    /** The VS Code Copilot GitHub App (UPSTREAM.md §2.1). */
    static final String CLIENT_ID = "Iv1.b507a08c87ecfe98";
    static final String DEVICE_GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";
    /** {@code x-github-api-version} of the public REST API and of the {@code copilot_internal} endpoints. */
    static final String REST_API_VERSION = "2022-11-28";
    static final String COPILOT_INTERNAL_API_VERSION = "2025-04-01";

    /** How long GitHub may be silent before a call fails (the read timeout of each call). */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_QUOTED_MESSAGE = 200;

    private final Client rest;
    private final EditorIdentity editor;
    private final Duration requestTimeout;

    /** @param rest from {@link #newRestClient}; its owner closes it */
    public GitHubClient(Client rest, EditorIdentity editor) {
        this(rest, editor, REQUEST_TIMEOUT);
    }

    GitHubClient(Client rest, EditorIdentity editor, Duration requestTimeout) {
        this.rest = rest;
        this.editor = editor;
        this.requestTimeout = requestTimeout;
    }

    /**
     * The JAX-RS client for GitHub calls: Jersey's default connector (HttpURLConnection, so the JVM's proxy settings
     * through {@code ProxySelector.getDefault()}) with the JSON-B provider. Each call holds one thread of
     * {@code executor} while it waits for GitHub, so it must be bounded; its callers never wait. Build it once (it is
     * heavyweight) and close it at shutdown; {@code executor} stays the caller's to shut down.
     */
    public static Client newRestClient(Duration connectTimeout, ExecutorService executor) {
        return ClientBuilder.newBuilder()
                .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .executorService(executor)
                .register(JsonBindingFeature.class)
                .build();
    }

    /** {@code POST /login/device/code}: a new device code for the operator to enter. */
    public CompletableFuture<DeviceCode> requestDeviceCode(GitHubHosts hosts) {
        URI uri = hosts.web().resolve("/login/device/code");
        Entity<?> body = Entity.json(new GitHubBodies.DeviceCodeRequest(CLIENT_ID, "read:user"));
        return send(oauth(uri), HttpMethod.POST, body, uri, "the device code request", response -> {
            GitHubBodies.DeviceCodeAnswer answer = successBody(response, GitHubBodies.DeviceCodeAnswer.class, "the device code request");
            if (answer.error() != null) {
                throw new GitHubException(GitHubException.Problem.REFUSED,
                        "GitHub refused the device code request: " + oauthError(answer.error(), answer.errorDescription()));
            }
            Optional<URI> verificationUri = Optional.ofNullable(answer.verificationUri()).flatMap(GitHubClient::uri);
            if (answer.deviceCode() == null || answer.userCode() == null || verificationUri.isEmpty()) {
                throw unreadable("the device code request");
            }
            return new DeviceCode(answer.deviceCode(), answer.userCode(), verificationUri.get(),
                    Duration.ofSeconds(Optional.ofNullable(answer.expiresIn()).orElse(900L)),
                    Duration.ofSeconds(Math.max(0, Optional.ofNullable(answer.interval()).orElse(5L))));
        });
    }

    /** One poll of {@code POST /login/oauth/access_token}; GitHub answers 200 with an {@code error} while not granted. */
    public CompletableFuture<AccessTokenPoll> pollAccessToken(GitHubHosts hosts, Secret deviceCode) {
        URI uri = hosts.web().resolve("/login/oauth/access_token");
        Entity<?> body = Entity.json(new GitHubBodies.AccessTokenRequest(CLIENT_ID, deviceCode, DEVICE_GRANT_TYPE));
        return send(oauth(uri), HttpMethod.POST, body, uri, "the device flow poll", response -> {
            GitHubBodies.AccessTokenAnswer answer = successBody(response, GitHubBodies.AccessTokenAnswer.class, "the device flow poll");
            if (answer.accessToken() != null && !answer.accessToken().reveal().isBlank()) {
                return new AccessTokenPoll.Granted(answer.accessToken());
            }
            String error = Optional.ofNullable(answer.error()).orElse("");
            return switch (error) {
                case "authorization_pending" -> new AccessTokenPoll.Pending();
                case "slow_down" -> new AccessTokenPoll.SlowDown(Optional.ofNullable(answer.interval()).map(Duration::ofSeconds));
                case "expired_token" -> new AccessTokenPoll.Expired();
                case "access_denied" -> new AccessTokenPoll.Denied();
                case "" -> new AccessTokenPoll.Failed("GitHub's answer has neither an access token nor an error");
                default -> new AccessTokenPoll.Failed(oauthError(error, answer.errorDescription()));
            };
        });
    }

    /** {@code GET /user}: who the token belongs to. 401 means the token is dead. */
    public CompletableFuture<GitHubUser> user(GitHubHosts hosts, Secret githubToken) {
        URI uri = hosts.api().resolve("/user");
        Invocation.Builder request = api(uri, githubToken).header("x-github-api-version", REST_API_VERSION);
        return send(request, HttpMethod.GET, null, uri, "the user lookup", response -> {
            GitHubBodies.UserAnswer answer = apiBody(response, GitHubBodies.UserAnswer.class, "the user lookup", false);
            if (answer.id() == null || answer.login() == null) {
                throw unreadable("the user lookup");
            }
            return new GitHubUser(answer.id(), answer.login(), answer.name());
        });
    }

    /** {@code GET /copilot_internal/v2/token}: a short-lived Copilot token for the GitHub token. */
    public CompletableFuture<CopilotTokenGrant> exchangeCopilotToken(GitHubHosts hosts, Secret githubToken) {
        URI uri = hosts.api().resolve("/copilot_internal/v2/token");
        return send(copilotInternal(uri, githubToken), HttpMethod.GET, null, uri, "the Copilot token exchange", response -> {
            GitHubBodies.CopilotTokenAnswer answer = apiBody(response, GitHubBodies.CopilotTokenAnswer.class, "the Copilot token exchange", true);
            if (answer.token() == null || answer.token().reveal().isBlank() || answer.expiresAt() == null) {
                throw unreadable("the Copilot token exchange");
            }
            Optional<URI> api = Optional.ofNullable(answer.endpoints()).map(GitHubBodies.Endpoints::api).flatMap(GitHubClient::uri);
            return new CopilotTokenGrant(answer.token(), Instant.ofEpochSecond(answer.expiresAt()),
                    Duration.ofSeconds(Math.max(0, Optional.ofNullable(answer.refreshIn()).orElse(0L))), api, serverTime(response));
        });
    }

    /** {@code GET /copilot_internal/user}: plan and quota snapshots (every field optional). */
    public CompletableFuture<CopilotUsage> copilotUsage(GitHubHosts hosts, Secret githubToken) {
        URI uri = hosts.api().resolve("/copilot_internal/user");
        return send(copilotInternal(uri, githubToken), HttpMethod.GET, null, uri, "the Copilot usage lookup", response -> {
            GitHubBodies.CopilotUserAnswer answer = apiBody(response, GitHubBodies.CopilotUserAnswer.class, "the Copilot usage lookup", true);
            Map<String, CopilotUsage.QuotaSnapshot> quotas = new LinkedHashMap<>();
            Optional.ofNullable(answer.quotaSnapshots()).orElse(Map.of()).forEach((id, quota) -> quotas.put(id, new CopilotUsage.QuotaSnapshot(
                    quota.entitlement(),
                    Optional.ofNullable(quota.quotaRemaining()).orElse(quota.remaining()),
                    quota.percentRemaining(),
                    quota.unlimited(),
                    quota.overagePermitted())));
            return new CopilotUsage(answer.copilotPlan(), answer.accessTypeSku(),
                    Optional.ofNullable(answer.endpoints()).map(GitHubBodies.Endpoints::api).orElse(null),
                    answer.quotaResetDate(), Map.copyOf(quotas));
        });
    }

    private Invocation.Builder oauth(URI uri) {
        return request(uri)
                .header("accept", "application/json")
                .header("user-agent", editor.userAgent());
    }

    private Invocation.Builder api(URI uri, Secret githubToken) {
        return request(uri)
                .header("authorization", "token " + githubToken.reveal())
                .header("accept", "application/json")
                .header("user-agent", editor.userAgent());
    }

    /** The header set VS Code sends to {@code copilot_internal} (UPSTREAM.md §3). */
    private Invocation.Builder copilotInternal(URI uri, Secret githubToken) {
        return api(uri, githubToken)
                .header("editor-version", editor.editorVersion())
                .header("editor-plugin-version", editor.editorPluginVersion())
                .header("x-github-api-version", COPILOT_INTERNAL_API_VERSION)
                .header("x-vscode-user-agent-library-version", "electron-fetch");
    }

    private Invocation.Builder request(URI uri) {
        return rest.target(uri).request().property(ClientProperties.READ_TIMEOUT, Math.toIntExact(requestTimeout.toMillis()));
    }

    /**
     * Sends without blocking the caller: the JAX-RS client's executor sends, and {@code read} runs there on the answer.
     * Transport failures become {@link GitHubException}s naming the host, never the request's headers.
     */
    private <T> CompletableFuture<T> send(Invocation.Builder request, String method, Entity<?> body, URI uri, String what,
                                          Function<Response, T> read) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            request.async().method(method, body, new InvocationCallback<Response>() {
                @Override
                public void completed(Response response) {
                    try (response) {
                        result.complete(read.apply(response));
                    } catch (RuntimeException failed) {
                        result.completeExceptionally(transportFailure(uri, what, failed));
                    }
                }

                @Override
                public void failed(Throwable failure) {
                    result.completeExceptionally(transportFailure(uri, what, failure));
                }
            });
        } catch (RuntimeException refused) { // e.g. the executor's queue is full
            result.completeExceptionally(transportFailure(uri, what, refused));
        }
        return result;
    }

    private static GitHubException transportFailure(URI uri, String what, Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof ProcessingException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof GitHubException gitHub) {
            return gitHub;
        }
        String happened = cause instanceof SocketTimeoutException ? "timed out"
                : cause instanceof IOException ? "could not connect or was cut (" + cause.getClass().getSimpleName() + ")"
                : cause instanceof RejectedExecutionException ? "was refused: too many GitHub calls are waiting"
                : "failed (" + cause.getClass().getSimpleName() + ")";
        return new GitHubException(GitHubException.Problem.UNAVAILABLE, what + " to " + uri.getHost() + " " + happened);
    }

    /** The body of a 2xx answer; anything else is a transient failure. */
    private static <T> T successBody(Response response, Class<T> type, String what) {
        if (response.getStatusInfo().getFamily() != Response.Status.Family.SUCCESSFUL) {
            throw new GitHubException(GitHubException.Problem.UNAVAILABLE, "GitHub answered HTTP " + response.getStatus() + " to " + what);
        }
        return body(response, type).orElseThrow(() -> unreadable(what));
    }

    /** The body of an API answer: 401 is a dead token, 403/404 on a Copilot endpoint means no Copilot, the rest is transient. */
    private static <T> T apiBody(Response response, Class<T> type, String what, boolean copilotEndpoint) {
        int status = response.getStatus();
        if (status == 401) {
            throw new GitHubException(GitHubException.Problem.TOKEN_REJECTED,
                    "GitHub rejected the token (HTTP 401" + quotedMessage(response) + ") in " + what);
        }
        if (copilotEndpoint && (status == 403 || status == 404)) {
            throw new GitHubException(GitHubException.Problem.NO_COPILOT,
                    "No Copilot access for this account (HTTP " + status + quotedMessage(response) + ")");
        }
        return successBody(response, type, what);
    }

    /** The answer bound to its record, or empty when it is not JSON of that shape (malformed, mistyped, empty, not JSON). */
    private static <T> Optional<T> body(Response response, Class<T> type) {
        try {
            return Optional.ofNullable(response.readEntity(type));
        } catch (RuntimeException unreadable) { // ProcessingException (JSON-B's JsonbException inside), IllegalStateException
            return Optional.empty();
        }
    }

    private static String quotedMessage(Response response) {
        return body(response, GitHubBodies.ErrorMessage.class)
                .map(GitHubBodies.ErrorMessage::message)
                .map(GitHubClient::printable)
                .filter(message -> !message.isEmpty())
                .map(message -> ": " + message)
                .orElse("");
    }

    private static String oauthError(String error, String description) {
        return printable(error) + Optional.ofNullable(description).map(text -> " (" + printable(text) + ")").orElse("");
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
    private static Optional<Instant> serverTime(Response response) {
        try {
            return Optional.ofNullable(response.getHeaderString("date")).map(date -> Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(date)));
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
