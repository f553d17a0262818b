package dev.copilotgateway.upstream;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Sends a request as one given account: gets the account's valid Copilot credentials, sends, and when Copilot
 * answers 401 (token expired or revoked early) refreshes the token once and sends again. Which account to use is
 * decided above (the pool's {@code CopilotDispatcher}, or a caller that wants one account's own answer, such as its
 * model list).
 */
public final class AccountCalls {

    private final CopilotTokens tokens;
    private final CopilotClient client;

    public AccountCalls(CopilotTokens tokens, CopilotClient client) {
        this.tokens = tokens;
        this.client = client;
    }

    /** A call whose whole response is wanted. */
    public CompletableFuture<HttpResponse<byte[]>> call(long accountId, CopilotEndpoint endpoint, byte[] body, RequestTraits traits) {
        return send(accountId, credentials -> client.call(credentials, endpoint, body, traits));
    }

    /**
     * A streamed call: completes when the final response's headers are in; a 200 streams into {@code sink}, and
     * {@code whenDone} runs once that stream has ended, failed or been cancelled.
     */
    public CompletableFuture<HttpResponse<UpstreamStreamSubscriber.Body>> stream(long accountId, CopilotEndpoint endpoint, byte[] body,
                                                                                  RequestTraits traits, UpstreamStreamSubscriber.Sink sink,
                                                                                  Runnable whenDone) {
        return send(accountId, credentials -> client.stream(credentials, endpoint, body, traits, new UpstreamStreamSubscriber(sink, whenDone)));
    }

    private <T> CompletableFuture<HttpResponse<T>> send(long accountId, Function<CopilotCredentials, CompletableFuture<HttpResponse<T>>> send) {
        return tokens.credentials(accountId).thenCompose(credentials -> send.apply(credentials)
                .thenCompose(response -> response.statusCode() != 401
                        ? CompletableFuture.completedFuture(response)
                        : tokens.refreshAfterUnauthorized(credentials).thenCompose(send)));
    }
}
