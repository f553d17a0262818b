package dev.copilotgateway.fakeupstream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Records every request, applies a pending fault, then hands the request to its endpoint. */
final class RequestRouter implements HttpHandler {

    /** An endpoint of any of the three hosts. */
    @FunctionalInterface
    interface Endpoint {
        void serve(UpstreamCall call) throws IOException;
    }

    private final RequestRecorder recorder;
    private final FaultInjector faults;
    private final ScheduledExecutorService scheduler;
    private final Map<String, Endpoint> routes;

    private final Function<RecordedRequest, String> accountOf;

    /** {@code accountOf}: the GitHub login whose Copilot token a request carries, or null. */
    RequestRouter(RequestRecorder recorder, FaultInjector faults, ScheduledExecutorService scheduler,
                  GitHubEndpoints github, CopilotEndpoints copilot, Function<RecordedRequest, String> accountOf) {
        this.recorder = recorder;
        this.accountOf = accountOf;
        this.faults = faults;
        this.scheduler = scheduler;
        Dialect chat = new ChatCompletionsDialect();
        Dialect messages = new AnthropicMessagesDialect();
        Dialect responses = new ResponsesDialect();
        // The three hosts share one server: their paths do not collide.
        this.routes = Map.of(
                "POST /login/device/code", github::deviceCode,
                "POST /login/oauth/access_token", github::accessToken,
                "GET /user", github::user,
                "GET /copilot_internal/v2/token", github::copilotToken,
                "GET /copilot_internal/user", github::copilotUser,
                "GET /models", copilot::models,
                "POST /chat/completions", call -> copilot.generate(call, chat),
                "POST /v1/messages", call -> copilot.generate(call, messages),
                "POST /responses", call -> copilot.generate(call, responses),
                "POST /embeddings", copilot::embeddings);
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            String body = ExchangeIo.readBody(exchange);
            RecordedRequest request = recorder.record(exchange, body);
            UpstreamCall plain = new UpstreamCall(exchange, request, Jsons.tryParseObject(body).orElse(null), null);
            Fault fault = faults.take(request.path(), plain.isStream(), accountOf.apply(request));
            if (fault == null) {
                dispatch(plain);
            } else if (fault.isStreamFault()) {
                dispatch(new UpstreamCall(exchange, request, plain.json(), fault));
            } else if (fault.kind() == Fault.Kind.RESPOND) {
                ExchangeIo.send(exchange, fault.status(), fault.contentType(), fault.body(), fault.headers());
            } else if (fault.kind() == Fault.Kind.SLOW_FIRST_BYTE) {
                scheduler.schedule(() -> dispatch(plain), fault.delay().toNanos(), TimeUnit.NANOSECONDS);
            }
            // HANG: leave the exchange open; HttpServer.stop() closes its connection.
        } catch (IOException | RejectedExecutionException e) {
            exchange.close();
        }
    }

    private void dispatch(UpstreamCall call) {
        Endpoint endpoint = routes.get(call.request().method() + " " + call.request().path());
        try {
            if (endpoint == null) {
                ExchangeIo.sendJson(call.exchange(), 404, ErrorBodies.gitHubDefault(404));
            } else {
                endpoint.serve(call);
            }
        } catch (IOException e) {
            call.exchange().close(); // the client went away mid-answer
        } catch (RuntimeException e) {
            serverError(call, e);
        }
    }

    /** A bug in the fake shows up as a 500 naming it rather than as a silent hang. */
    private static void serverError(UpstreamCall call, RuntimeException e) {
        try {
            ExchangeIo.sendText(call.exchange(), 500, "fake upstream failed: " + e);
        } catch (IOException | RuntimeException ignored) {
            call.exchange().close();
        }
    }
}
