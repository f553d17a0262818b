package dev.copilotgateway.pool;

import dev.copilotgateway.metrics.GatewayMeters;
import dev.copilotgateway.pool.AccountPool;
import dev.copilotgateway.pool.PoolRequest;
import dev.copilotgateway.pool.PremiumQuota;
import dev.copilotgateway.upstream.AccountCalls;
import dev.copilotgateway.upstream.CopilotEndpoint;
import dev.copilotgateway.upstream.CopilotTokens;
import dev.copilotgateway.upstream.RequestTraits;
import dev.copilotgateway.upstream.UpstreamStreamSubscriber;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * Sends one client request to the Copilot API through the pool: asks {@link AccountPool} which accounts may serve
 * it and sends as the first ({@link AccountCalls}: valid credentials, one token refresh on a 401). Before anything reaches the client, a failure of one account (no
 * connection, no token, 429, 402 quota, 5xx) moves the request on to the next account, at most the pool's
 * {@code maxAttempts}; a 429 also puts the account in cooldown. A key bound to one account never moves on: it gets
 * its account's answer. The {@link AccountPacer} keeps the pool's upstream pacing: a paced request is sent at its
 * account's next free moment, or refused (then the next account may try). Nothing here waits on a thread: every step is
 * a continuation of the previous one.
 */
public final class CopilotDispatcher implements Dispatcher {

    private final AccountPool pool;
    private final AccountCalls calls;
    private final Clock clock;
    private final GatewayMeters meters;
    private final AccountPacer pacer;

    public CopilotDispatcher(AccountPool pool, AccountCalls calls, Clock clock, GatewayMeters meters, AccountPacer pacer) {
        this.pool = pool;
        this.calls = calls;
        this.clock = clock;
        this.meters = meters;
        this.pacer = pacer;
    }

    @Override
    public CompletableFuture<HttpResponse<byte[]>> call(PoolRequest request, CopilotEndpoint endpoint, byte[] body, RequestTraits traits,
                                                        LongConsumer servedBy) {
        return dispatch(request, accountId -> {
            servedBy.accept(accountId);
            return calls.call(accountId, endpoint, body, traits);
        }, false);
    }

    @Override
    public CompletableFuture<HttpResponse<UpstreamStreamSubscriber.Body>> stream(PoolRequest request, CopilotEndpoint endpoint, byte[] body,
                                                                                  RequestTraits traits, UpstreamStreamSubscriber.Sink sink,
                                                                                  LongConsumer servedBy) {
        return dispatch(request, accountId -> {
            servedBy.accept(accountId);
            return calls.stream(accountId, endpoint, body, traits, sink, () -> pool.finished(accountId));
        }, true);
    }

    private <T> CompletableFuture<HttpResponse<T>> dispatch(PoolRequest request, Function<Long, CompletableFuture<HttpResponse<T>>> send,
                                                            boolean streamed) {
        AccountPool.Attempts attempts;
        try {
            attempts = pool.choose(request);
        } catch (RuntimeException noAccount) {
            if (noAccount instanceof OverloadedException overloaded) {
                meters.limitRefused(overloaded.limit());
            }
            return CompletableFuture.failedFuture(noAccount);
        }
        return attempt(request, attempts, 0, send, streamed);
    }

    private <T> CompletableFuture<HttpResponse<T>> attempt(PoolRequest request, AccountPool.Attempts attempts, int index,
                                                           Function<Long, CompletableFuture<HttpResponse<T>>> send, boolean streamed) {
        long accountId = attempts.accounts().get(index);
        boolean more = index + 1 < attempts.accounts().size();
        if (!pool.tryStart(accountId)) { // filled up since the pool chose it
            if (more) {
                return attempt(request, attempts, index + 1, send, streamed);
            }
            OverloadedException refusal = pool.refusal();
            meters.limitRefused(refusal.limit());
            return CompletableFuture.failedFuture(refusal);
        }
        CompletableFuture<HttpResponse<T>> sent;
        try {
            sent = pacer.paced(accountId, pool.settings().pacing(), () -> send.apply(accountId));
        } catch (PoolThrottledException paced) { // this account may not send yet: the next one may
            pool.finished(accountId);
            if (more) {
                return attempt(request, attempts, index + 1, send, streamed);
            }
            meters.limitRefused(GatewayMeters.LIMIT_PACING);
            return CompletableFuture.failedFuture(paced);
        } catch (RuntimeException failed) {
            sent = CompletableFuture.failedFuture(failed);
        }
        return sent.handle((response, failure) -> {
            if (failure != null) {
                pool.finished(accountId);
                Throwable cause = unwrap(failure);
                pool.failed(accountId, describe(cause));
                if (more && movesOn(cause)) {
                    meters.failover();
                    return attempt(request, attempts, index + 1, send, streamed);
                }
                return CompletableFuture.<HttpResponse<T>>failedFuture(cause);
            }
            int status = response.statusCode();
            if (status == 200 && streamed) {
                pool.answered(accountId, request); // in flight until the stream ends: the subscriber finishes it
                return CompletableFuture.completedFuture(response);
            }
            pool.finished(accountId);
            if (status < 400) {
                pool.answered(accountId, request);
                return CompletableFuture.completedFuture(response);
            }
            String error = "Copilot answered " + status + " to a request";
            if (status == 429) {
                meters.cooldown();
                pool.throttled(accountId, RetryAfter.of(response.headers(), clock.instant()).orElse(null), error);
            } else {
                pool.failed(accountId, error);
                if (status == 402) {
                    pool.quota(accountId, PremiumQuota.exhausted(clock.instant()));
                }
            }
            if (more && (status == 429 || status == 402 || status == 401 || status >= 500)) {
                meters.failover();
                return attempt(request, attempts, index + 1, send, streamed);
            }
            return CompletableFuture.completedFuture(response);
        }).thenCompose(Function.identity());
    }

    /**
     * Failures that say nothing was served by this account, so the next one may try: no token, no connection. A
     * time-out waiting for the answer is not among them (the request may be running upstream; trying again could
     * double it), nor is the caller's own mistake.
     */
    private static boolean movesOn(Throwable cause) {
        return cause instanceof CopilotTokens.AccountUnavailableException
                || cause instanceof IOException && !(cause instanceof HttpTimeoutException);
    }

    private static String describe(Throwable cause) {
        if (cause instanceof CopilotTokens.AccountUnavailableException unavailable) {
            return unavailable.getMessage();
        }
        return "The Copilot API could not be reached (" + cause.getClass().getSimpleName() + ")";
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
