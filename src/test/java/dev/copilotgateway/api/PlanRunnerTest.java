package dev.copilotgateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.copilotgateway.api.stream.ClientStream;
import dev.copilotgateway.api.stream.StreamRelay;
import dev.copilotgateway.pool.Dispatcher;
import dev.copilotgateway.pool.PoolRequest;
import dev.copilotgateway.protocol.JsonIo;
import dev.copilotgateway.protocol.openai.OpenAiException;
import dev.copilotgateway.routing.UpstreamPlan;
import dev.copilotgateway.testing.CannedResponse;
import dev.copilotgateway.upstream.CopilotEndpoint;
import dev.copilotgateway.upstream.RequestTraits;
import dev.copilotgateway.upstream.UpstreamStreamSubscriber;
import dev.copilotgateway.usage.RequestMeter;
import dev.copilotgateway.usage.RequestMeters;
import dev.copilotgateway.usage.RequestOutcome;
import dev.copilotgateway.usage.TokenCounts;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The plan runner against a fake dispatcher: whole and streamed answers, the prefill retry, errors in each API's shape. */
class PlanRunnerTest {

    private static final PoolRequest ANY_ACCOUNT = PoolRequest.anyAccount(null);
    private static final String PREFILL_REFUSAL = "{\"error\":{\"message\":\"This model does not support assistant message prefill\"}}";

    private final FakeDispatcher dispatcher = new FakeDispatcher();
    private final List<RequestOutcome> outcomes = new ArrayList<>();
    private final PlanRunner runner = new PlanRunner(dispatcher, null, null, new RequestMeters(Clock.systemUTC(), outcomes::add, Runnable::run));
    private final RecordingAsyncResponse async = new RecordingAsyncResponse();
    private final AtomicInteger refusalsRemembered = new AtomicInteger();

    @Test
    void wholeAnswerIsTranslatedAndNamesTheClientsModel() {
        dispatcher.calls.add(answer(200, "{\"model\":\"gpt-4.1\",\"n\":1}"));
        runner.respond(planned(plan(body -> JsonIo.bytes(JsonIo.PROVIDER.createObjectBuilder(JsonIo.readObject(body)).add("n", 2).build()), null),
                "my-alias"), ApiDialect.OPENAI_CHAT, async, meter(false));

        assertEquals(200, async.response().getStatus());
        JsonObject answer = json(async.response());
        assertEquals("my-alias", answer.getString("model"));
        assertEquals(2, answer.getInt("n"));
    }

    @Test
    void copilotsErrorAnswerIsShapedByTheDialectWithItsRetryAfter() {
        dispatcher.calls.add(CompletableFuture.completedFuture(new CannedResponse<>(429, Map.of("retry-after", List.of("7")),
                "{\"error\":{\"message\":\"slow down\",\"code\":\"rate_limited\"}}".getBytes(StandardCharsets.UTF_8))));
        runner.respond(planned(plan(UnaryOperator.identity(), null), null), ApiDialect.ANTHROPIC, async, meter(false));

        Response response = async.response();
        assertEquals(429, response.getStatus());
        assertEquals("7", response.getHeaderString("Retry-After"));
        assertEquals("rate_limit_error", json(response).getJsonObject("error").getString("type"));
        assertEquals("slow down", json(response).getJsonObject("error").getString("message"));
    }

    @Test
    void refusedPrefillIsSentOnceMoreWithTheContinuationAndRemembered() {
        dispatcher.calls.add(answer(400, PREFILL_REFUSAL));
        dispatcher.calls.add(answer(200, "{\"ok\":true}"));
        runner.respond(planned(plan(UnaryOperator.identity(), retry()), null), ApiDialect.ANTHROPIC, async, meter(false));

        assertEquals(200, async.response().getStatus());
        assertEquals(List.of("original", "continued"), dispatcher.sentBodies);
        assertEquals(1, refusalsRemembered.get());
    }

    @Test
    void refusedPrefillWithoutARetryIsCopilotsAnswer() {
        dispatcher.calls.add(answer(400, PREFILL_REFUSAL));
        runner.respond(planned(plan(UnaryOperator.identity(), null), null), ApiDialect.ANTHROPIC, async, meter(false));

        assertEquals(400, async.response().getStatus());
        assertEquals(List.of("original"), dispatcher.sentBodies);
    }

    @Test
    void unreadableAnswerIsA502InTheCallersShape() {
        dispatcher.calls.add(answer(200, "<html>maintenance</html>"));
        runner.respond(planned(plan(body -> JsonIo.bytes(JsonIo.readObject(body)), null), null), ApiDialect.OPENAI_CHAT, async, meter(false));

        assertEquals(502, async.response().getStatus());
        JsonObject error = json(async.response()).getJsonObject("error");
        assertEquals("upstream_unreadable", error.getString("code"));
        assertEquals("api_error", error.getString("type"));
    }

    @Test
    void aStreamThatFailsBeforeItsPlanIsAnsweredByJerseyAsTheApisOwnError() {
        OpenAiException unknown = new OpenAiException(404, "no such model", "invalid_request_error", "model", "model_not_found");
        FakeClientStream client = new FakeClientStream();
        runner.stream(CompletableFuture.failedFuture(unknown), ApiDialect.OPENAI_CHAT, async, meter(true), client::open);

        assertEquals(404, async.response().getStatus());
        assertEquals("model_not_found", json(async.response()).getJsonObject("error").getString("code"));
        assertNull(client.relay, "no stream was opened");
        assertTrue(dispatcher.sentBodies.isEmpty());
    }

    @Test
    void streamFlowsThroughTheDialectsRelayRenamingTheModel() {
        dispatcher.streams.add(streaming());
        FakeClientStream client = new FakeClientStream();
        runner.stream(planned(plan(UnaryOperator.identity(), null), "my-alias"), ApiDialect.OPENAI_CHAT, async, meter(true), client::open);

        assertNull(async.response(), "the stream answers, not Jersey");
        assertNull(client.whole);
        String relayed = new String(client.relay.frames("data: {\"model\":\"gpt-4.1\",\"choices\":[]}\n\n".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
        assertTrue(relayed.contains("\"model\":\"my-alias\""), relayed);
        assertEquals(List.<UpstreamStreamSubscriber.Sink>of(client), dispatcher.sinks);
    }

    @Test
    void copilotsErrorBeforeTheFirstByteIsSentWholeOnTheOpenedStream() {
        dispatcher.streams.add(CompletableFuture.completedFuture(new CannedResponse<>(503, new UpstreamStreamSubscriber.Body("upstream down".getBytes(StandardCharsets.UTF_8)))));
        FakeClientStream client = new FakeClientStream();
        runner.stream(planned(plan(UnaryOperator.identity(), null), null), ApiDialect.ANTHROPIC, async, meter(true), client::open);

        assertEquals(503, client.status);
        JsonObject error = JsonIo.readObject(client.whole).getJsonObject("error");
        assertEquals("overloaded_error", error.getString("type"));
        assertEquals("upstream down", error.getString("message"));
        assertNull(async.response());
    }

    @Test
    void refusedPrefillOfAStreamIsStreamedOnceMoreIntoTheSameClient() {
        dispatcher.streams.add(CompletableFuture.completedFuture(new CannedResponse<>(400, new UpstreamStreamSubscriber.Body(PREFILL_REFUSAL.getBytes(StandardCharsets.UTF_8)))));
        dispatcher.streams.add(streaming());
        FakeClientStream client = new FakeClientStream();
        runner.stream(planned(plan(UnaryOperator.identity(), retry()), null), ApiDialect.ANTHROPIC, async, meter(true), client::open);

        assertEquals(List.of("original", "continued"), dispatcher.sentBodies);
        assertEquals(List.<UpstreamStreamSubscriber.Sink>of(client, client), dispatcher.sinks);
        assertEquals(1, refusalsRemembered.get());
        assertNull(client.whole, "the retried stream answers");
    }

    @Test
    void unreachableCopilotAfterTheStreamOpenedIsA502OnTheStream() {
        dispatcher.streams.add(CompletableFuture.failedFuture(new ConnectException("refused")));
        FakeClientStream client = new FakeClientStream();
        runner.stream(planned(plan(UnaryOperator.identity(), null), null), ApiDialect.OPENAI_RESPONSES, async, meter(true), client::open);

        assertEquals(502, client.status);
        assertEquals("upstream_unreachable", JsonIo.readObject(client.whole).getJsonObject("error").getString("code"));
    }

    @Test
    void aStreamTheContainerCannotOpenIsA500ForJerseyToWrite() {
        dispatcher.streams.add(streaming());
        runner.stream(planned(plan(UnaryOperator.identity(), null), null), ApiDialect.OPENAI_CHAT, async, meter(true), (relay, streamMeter) -> {
            throw new IOException("no async I/O");
        });

        assertEquals(500, async.response().getStatus());
        assertEquals("The response stream could not be opened", json(async.response()).getJsonObject("error").getString("message"));
        assertTrue(dispatcher.sentBodies.isEmpty(), "nothing is sent when the answer cannot be written");
    }

    @Test
    void wholeAnswerTellsOneOutcomeWithCopilotsUsageAccountAndPremium() {
        dispatcher.calls.add(answer(200, "{\"model\":\"gpt-4.1\",\"usage\":{\"prompt_tokens\":120,\"completion_tokens\":8,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":100},\"completion_tokens_details\":{\"reasoning_tokens\":3}}}"));
        runner.respond(CompletableFuture.completedFuture(new Routed(plan(UnaryOperator.identity(), null),
                new PoolRequest(null, null, "gpt-4.1", 1), "my-alias")), ApiDialect.OPENAI_CHAT, async, meter(false));

        RequestOutcome outcome = theOutcome();
        assertEquals(200, outcome.status());
        assertEquals(new TokenCounts(120, 8, 100, 3), outcome.tokens());
        assertEquals(3L, outcome.accountId());
        assertEquals(7L, outcome.keyId());
        assertEquals("/chat/completions", outcome.endpoint());
        assertEquals("my-alias", outcome.model());
        assertEquals("gpt-4.1", outcome.upstreamModel());
        assertEquals(1.0, outcome.premiumRequests());
        assertFalse(outcome.stream());
        assertNull(outcome.errorType());
        assertTrue(outcome.ttfbMs() != null && outcome.ttfbMs() <= outcome.latencyMs());
    }

    @Test
    void copilotsErrorIsAnOutcomeWithItsStatusAndNoPremium() {
        dispatcher.calls.add(CompletableFuture.completedFuture(new CannedResponse<>(429, Map.of(), "{}".getBytes(StandardCharsets.UTF_8))));
        runner.respond(CompletableFuture.completedFuture(new Routed(plan(UnaryOperator.identity(), null),
                new PoolRequest(null, null, "gpt-4.1", 1), null)), ApiDialect.OPENAI_CHAT, async, meter(false));

        RequestOutcome outcome = theOutcome();
        assertEquals(429, outcome.status());
        assertEquals("rate_limit", outcome.errorType());
        assertEquals(0.0, outcome.premiumRequests(), "an answer Copilot refused is not billed");
        assertEquals(TokenCounts.NONE, outcome.tokens());
    }

    @Test
    void anAnswerWithoutUsageIsCountedWithTheTokenizer() {
        dispatcher.calls.add(answer(200, "{\"choices\":[{\"message\":{\"content\":\"Hello there, how are you today?\"}}]}"));
        runner.respond(planned(plan(UnaryOperator.identity(), null), null), ApiDialect.OPENAI_CHAT, async, meter(false));

        TokenCounts tokens = theOutcome().tokens();
        assertTrue(tokens.input() > 0, "the body sent, counted: " + tokens);
        assertTrue(tokens.output() > 5, "the answer, counted: " + tokens);
    }

    @Test
    void aRequestRefusedBeforeItsPlanIsOneOutcomeWithoutEndpoint() {
        OpenAiException unknown = new OpenAiException(404, "no such model", "invalid_request_error", "model", "model_not_found");
        runner.respond(CompletableFuture.failedFuture(unknown), ApiDialect.OPENAI_CHAT, async, meter(false));

        RequestOutcome outcome = theOutcome();
        assertEquals(404, outcome.status());
        assertNull(outcome.endpoint());
        assertNull(outcome.accountId());
        assertEquals("invalid_request", outcome.errorType());
    }

    @Test
    void aStreamRefusedBeforeItOpenedIsEndedByTheRunner() {
        runner.stream(planned(plan(UnaryOperator.identity(), null), null), ApiDialect.OPENAI_CHAT, async, meter(true), (relay, streamMeter) -> {
            throw new IOException("no async I/O");
        });

        RequestOutcome outcome = theOutcome();
        assertEquals(500, outcome.status());
        assertTrue(outcome.stream());
        assertEquals("gateway_error", outcome.errorType());
    }

    private RequestMeter meter(boolean stream) {
        return runner.meter(7L, RequestOutcome.INGRESS_CHAT, "my-alias", stream);
    }

    private RequestOutcome theOutcome() {
        assertEquals(1, outcomes.size(), "one outcome per request");
        return outcomes.get(0);
    }

    private UpstreamPlan plan(UnaryOperator<byte[]> wholeResponse, UpstreamPlan.PrefillRetry retry) {
        return new UpstreamPlan(CopilotEndpoint.CHAT_COMPLETIONS, "original".getBytes(StandardCharsets.UTF_8),
                RequestTraits.conversation("user", false), wholeResponse, null, retry);
    }

    private UpstreamPlan.PrefillRetry retry() {
        return new UpstreamPlan.PrefillRetry("continued".getBytes(StandardCharsets.UTF_8), refusalsRemembered::incrementAndGet);
    }

    private static CompletableFuture<Routed> planned(UpstreamPlan plan, String reportAs) {
        return CompletableFuture.completedFuture(new Routed(plan, ANY_ACCOUNT, reportAs));
    }

    private static CompletableFuture<HttpResponse<byte[]>> answer(int status, String body) {
        return CompletableFuture.completedFuture(new CannedResponse<>(status, body.getBytes(StandardCharsets.UTF_8)));
    }

    private static CompletableFuture<HttpResponse<UpstreamStreamSubscriber.Body>> streaming() {
        return CompletableFuture.completedFuture(new CannedResponse<>(200, new UpstreamStreamSubscriber.Body(null)));
    }

    private static JsonObject json(Response response) {
        return JsonIo.readObject((byte[]) response.getEntity());
    }

    /** Answers each call with the next canned answer, and notes what was sent and where the stream was to go. */
    private static final class FakeDispatcher implements Dispatcher {
        final Deque<CompletableFuture<HttpResponse<byte[]>>> calls = new ArrayDeque<>();
        final Deque<CompletableFuture<HttpResponse<UpstreamStreamSubscriber.Body>>> streams = new ArrayDeque<>();
        final List<String> sentBodies = new ArrayList<>();
        final List<UpstreamStreamSubscriber.Sink> sinks = new ArrayList<>();

        @Override
        public CompletableFuture<HttpResponse<byte[]>> call(PoolRequest request, CopilotEndpoint endpoint, byte[] body, RequestTraits traits,
                                                            LongConsumer servedBy) {
            servedBy.accept(3L);
            sentBodies.add(new String(body, StandardCharsets.UTF_8));
            return calls.remove();
        }

        @Override
        public CompletableFuture<HttpResponse<UpstreamStreamSubscriber.Body>> stream(PoolRequest request, CopilotEndpoint endpoint, byte[] body,
                                                                                      RequestTraits traits, UpstreamStreamSubscriber.Sink sink,
                                                                                      LongConsumer servedBy) {
            servedBy.accept(3L);
            sentBodies.add(new String(body, StandardCharsets.UTF_8));
            sinks.add(sink);
            return streams.remove();
        }
    }

    /** The client's side of a stream: the relay it was opened with, and the whole answer sent instead, if any. */
    private static final class FakeClientStream implements ClientStream {
        StreamRelay relay;
        int status;
        byte[] whole;

        ClientStream open(StreamRelay relay, RequestMeter meter) {
            this.relay = relay;
            return this;
        }

        @Override
        public void sendWhole(int status, String contentType, Map<String, String> headers, byte[] body) {
            assertFalse(whole != null, "one whole answer at most");
            this.status = status;
            this.whole = body;
        }

        @Override
        public void onStart(UpstreamStreamSubscriber stream) {
        }

        @Override
        public void onBytes(List<ByteBuffer> chunk) {
        }

        @Override
        public void onEnd() {
        }

        @Override
        public void onFailure(Throwable failure) {
        }
    }
}
