package dev.copilotgateway.fakeupstream;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * The Copilot API (CAPI): {@code /models}, the three generation endpoints and {@code /embeddings}.
 * Every call must carry a live Copilot token and the baseline headers of UPSTREAM §6.1.
 */
final class CopilotEndpoints {

    /** §6.1 baseline headers; content-type is checked separately, on POST only. */
    static final List<String> REQUIRED_HEADERS = List.of("copilot-integration-id", "editor-version",
            "editor-plugin-version", "user-agent", "x-github-api-version", "x-request-id");

    private final FakeCopilotTokens copilotTokens;
    private final FakeModelCatalog catalog;
    private final ReplyScripts replies;
    private final Supplier<StreamSettings> streamSettings;
    private final ScheduledExecutorService scheduler;
    private final RequestRecorder recorder;

    CopilotEndpoints(FakeCopilotTokens copilotTokens, FakeModelCatalog catalog, ReplyScripts replies,
                     Supplier<StreamSettings> streamSettings, ScheduledExecutorService scheduler, RequestRecorder recorder) {
        this.copilotTokens = copilotTokens;
        this.catalog = catalog;
        this.replies = replies;
        this.streamSettings = streamSettings;
        this.scheduler = scheduler;
        this.recorder = recorder;
    }

    /** {@code GET /models}. */
    void models(UpstreamCall call) throws IOException {
        if (admitted(call, false)) {
            ExchangeIo.sendJson(call.exchange(), 200, catalog.listing());
        }
    }

    /** {@code POST /chat/completions}, {@code /v1/messages}, {@code /responses}: JSON, or SSE for {@code "stream": true}. */
    void generate(UpstreamCall call, Dialect dialect) throws IOException {
        if (!admitted(call, true)) {
            return;
        }
        Optional<String> model = routedModel(call, dialect.path());
        if (model.isEmpty()) {
            return;
        }
        Reply reply = replies.next(Turn.of(dialect, call.json())).stoppedAtFirstOf(dialect.stopSequences(call.json()));
        Generation generation = Generation.of(call.request(), model.get(), reply);
        if (call.isStream()) {
            StreamSettings settings = streamSettings.get();
            SseStream.start(call, dialect.streamFrames(generation, settings), settings, scheduler, recorder);
        } else {
            ExchangeIo.sendJson(call.exchange(), 200, dialect.response(generation));
        }
    }

    /** {@code POST /embeddings} (never streamed). */
    void embeddings(UpstreamCall call) throws IOException {
        if (!admitted(call, true)) {
            return;
        }
        Optional<String> model = routedModel(call, "/embeddings");
        if (model.isEmpty()) {
            return;
        }
        Optional<List<String>> inputs = Embeddings.inputs(call.json());
        if (inputs.isEmpty()) {
            badRequest(call, "'input' must be a non-empty string or array of strings", "invalid_request_body", "input");
            return;
        }
        int dimensions = call.json().getInt("dimensions", Embeddings.DEFAULT_DIMENSIONS);
        ExchangeIo.sendJson(call.exchange(), 200, Embeddings.response(model.get(), inputs.get(), dimensions));
    }

    /** Checks token, headers and body; answers the first problem found and returns false. */
    private boolean admitted(UpstreamCall call, boolean post) throws IOException {
        String requestId = call.header("x-request-id");
        if (requestId != null) {
            call.exchange().getResponseHeaders().set("x-request-id", requestId);
        }
        call.exchange().getResponseHeaders().set("x-github-request-id", "FAKE:" + call.request().sequence());

        FakeCopilotTokens.Validity validity = copilotTokens.check(bearerToken(call));
        if (validity != FakeCopilotTokens.Validity.VALID) {
            ExchangeIo.sendText(call.exchange(), 401, validity == FakeCopilotTokens.Validity.EXPIRED
                    ? ErrorBodies.TOKEN_EXPIRED : "unauthorized: missing or unknown Copilot token");
            return false;
        }
        for (String header : REQUIRED_HEADERS) {
            String value = call.header(header);
            if (value == null || value.isBlank() || isLibraryDefault(header, value)) {
                badRequest(call, "Missing required header: " + header, "missing_required_header", header);
                return false;
            }
        }
        if (!post) {
            return true;
        }
        String contentType = call.header("content-type");
        if (contentType == null || !contentType.startsWith("application/json")) {
            badRequest(call, "Missing required header: content-type (application/json)", "missing_required_header", "content-type");
            return false;
        }
        if (call.json() == null) {
            badRequest(call, "The request body is not a valid JSON object.", "invalid_request_body", null);
            return false;
        }
        return true;
    }

    /** The requested model if it exists and serves {@code endpoint}; otherwise answers 400 (§13) and returns empty. */
    private Optional<String> routedModel(UpstreamCall call, String endpoint) throws IOException {
        String id = Jsons.string(call.json(), "model");
        if (id == null) {
            badRequest(call, "Missing required parameter: 'model'.", "invalid_request_body", "model");
            return Optional.empty();
        }
        Optional<JsonObject> model = catalog.find(id);
        if (model.isEmpty()) {
            badRequest(call, "The requested model is not supported.", "model_not_supported", "model");
            return Optional.empty();
        }
        if (!FakeModelCatalog.supports(model.get(), endpoint)) {
            ExchangeIo.sendJson(call.exchange(), 400, Jsons.object().add("error", Jsons.object()
                    .add("message", "model \"" + id + "\" is not accessible via the " + endpoint + " endpoint")
                    .add("code", "unsupported_api_for_model")).build());
            return Optional.empty();
        }
        return Optional.of(id);
    }

    /**
     * java.net.http sends {@code Java-http-client/<version>} when the caller sets no user-agent, so a gateway that
     * forgot the Copilot user-agent would otherwise pass unnoticed.
     */
    private static boolean isLibraryDefault(String header, String value) {
        return header.equals("user-agent") && value.startsWith("Java-http-client/");
    }

    private static void badRequest(UpstreamCall call, String message, String code, String param) throws IOException {
        ExchangeIo.sendJson(call.exchange(), 400, ErrorBodies.openAi(message, code, param, "invalid_request_error"));
    }

    private static String bearerToken(UpstreamCall call) {
        String authorization = call.header("authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }
}
