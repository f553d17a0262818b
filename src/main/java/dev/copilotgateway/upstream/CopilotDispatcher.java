package dev.copilotgateway.upstream;

import dev.copilotgateway.pool.AccountSelector;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one client request to the Copilot API: chooses the account, gets its valid credentials, sends, and when
 * Copilot answers 401 (token expired or revoked early) refreshes the token once and sends again.
 * Nothing here waits on a thread: every step is a continuation of the previous one.
 */
public final class CopilotDispatcher {

    private final AccountSelector accounts;
    private final CopilotTokens tokens;
    private final CopilotClient client;

    public CopilotDispatcher(AccountSelector accounts, CopilotTokens tokens, CopilotClient client) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.client = client;
    }

    /** A call whose whole response is wanted. {@code boundAccountId} is the caller's account, or {@code null}. */
    public CompletableFuture<HttpResponse<byte[]>> call(Long boundAccountId, CopilotEndpoint endpoint, byte[] body, RequestTraits traits) {
        return credentials(boundAccountId).thenCompose(credentials -> client.call(credentials, endpoint, body, traits)
                .thenCompose(response -> response.statusCode() != 401
                        ? CompletableFuture.completedFuture(response)
                        : tokens.refreshAfterUnauthorized(credentials)
                                .thenCompose(fresh -> client.call(fresh, endpoint, body, traits))));
    }

    /**
     * A streamed call: completes when the final response's headers are in. A 200 streams into {@code sink}; any
     * other status carries its collected body. A 401 is retried once with a fresh token before anything reaches
     * the sink.
     */
    public CompletableFuture<HttpResponse<UpstreamStreamSubscriber.Body>> stream(Long boundAccountId, CopilotEndpoint endpoint, byte[] body,
                                                                                  RequestTraits traits, UpstreamStreamSubscriber.Sink sink) {
        return credentials(boundAccountId).thenCompose(credentials ->
                client.stream(credentials, endpoint, body, traits, new UpstreamStreamSubscriber(sink))
                        .thenCompose(response -> response.statusCode() != 401
                                ? CompletableFuture.completedFuture(response)
                                : tokens.refreshAfterUnauthorized(credentials)
                                        .thenCompose(fresh -> client.stream(fresh, endpoint, body, traits, new UpstreamStreamSubscriber(sink)))));
    }

    private CompletableFuture<CopilotCredentials> credentials(Long boundAccountId) {
        long accountId;
        try {
            accountId = accounts.choose(boundAccountId);
        } catch (AccountSelector.NoAccountException none) {
            return CompletableFuture.failedFuture(none);
        }
        return tokens.credentials(accountId);
    }
}
