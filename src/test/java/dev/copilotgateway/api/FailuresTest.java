package dev.copilotgateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.copilotgateway.models.ModelCatalog;
import dev.copilotgateway.pool.NoAccountException;
import dev.copilotgateway.pool.OverloadedException;
import dev.copilotgateway.pool.PoolThrottledException;
import dev.copilotgateway.protocol.Failure;
import dev.copilotgateway.protocol.Failure.Kind;
import dev.copilotgateway.protocol.InvalidRequestException;
import dev.copilotgateway.protocol.RequestContentException;
import dev.copilotgateway.protocol.anthropic.AnthropicException;
import dev.copilotgateway.upstream.CopilotTokens;
import jakarta.json.JsonException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Each failure a request can meet, classified once: kind, status, what the client is told. */
class FailuresTest {

    @Test
    void wrappersOfTheFuturesAreSeenThrough() {
        RequestContentException content = new RequestContentException("messages[1].content", "an image cannot go here");
        Failure failure = Failures.classify(new CompletionException(new ExecutionException(new CompletionException(content))));

        assertEquals(Kind.INVALID_REQUEST, failure.kind());
        assertEquals(400, failure.status());
        assertEquals("messages[1].content", failure.param());
        assertEquals("an image cannot go here", failure.message());
        assertSame(content, failure.cause());
    }

    @Test
    void eachKindHasItsStatus() {
        assertEquals(new Expected(Kind.INVALID_REQUEST, 400), expected(new InvalidRequestException("tools", "bad tools")));
        assertEquals(new Expected(Kind.STATED, 404), expected(AnthropicException.notFound("no such model")));
        assertEquals(new Expected(Kind.OVERLOADED, 503), expected(new OverloadedException("full")));
        assertEquals(new Expected(Kind.THROTTLED, 429), expected(new PoolThrottledException("cooling", Duration.ofSeconds(3))));
        assertEquals(new Expected(Kind.NO_ACCOUNT, 503), expected(new NoAccountException("no account")));
        assertEquals(new Expected(Kind.NO_ACCOUNT, 503), expected(new CopilotTokens.AccountUnavailableException(1, "disabled")));
        assertEquals(new Expected(Kind.MODELS_UNAVAILABLE, 503), expected(new ModelCatalog.ModelListUnavailableException("down")));
        assertEquals(new Expected(Kind.UPSTREAM_UNREADABLE, 502), expected(new JsonException("not JSON")));
        assertEquals(new Expected(Kind.UPSTREAM_TIMEOUT, 504), expected(new HttpTimeoutException("slow")));
        assertEquals(new Expected(Kind.UPSTREAM_UNREACHABLE, 502), expected(new ConnectException("refused")));
        assertEquals(new Expected(Kind.GATEWAY_ERROR, 500), expected(new StreamUnavailableException(new IOException("no async"))));
        assertEquals(new Expected(Kind.UPSTREAM_FAILED, 502), expected(new IllegalStateException("surprise")));
    }

    @Test
    void retryAfterGoesWithTheRefusals() {
        assertEquals(Map.of("Retry-After", "3"), Failures.classify(new PoolThrottledException("cooling", Duration.ofSeconds(3))).headers());
        assertEquals("1", Failures.classify(new OverloadedException("full")).headers().get("Retry-After"));
    }

    @Test
    void unexpectedFailuresAreAnsweredWithoutTheirDetails() {
        Failure failure = Failures.classify(new IllegalStateException("token ghu_secret leaked into a message"));

        assertEquals("The call to the Copilot API failed", failure.message());
        assertNull(failure.param());
    }

    private record Expected(Kind kind, int status) {
    }

    private static Expected expected(Throwable failure) {
        Failure classified = Failures.classify(failure);
        return new Expected(classified.kind(), classified.status());
    }
}
