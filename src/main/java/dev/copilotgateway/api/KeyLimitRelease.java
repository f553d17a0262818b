package dev.copilotgateway.api;

import dev.copilotgateway.limits.KeyLimiter;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Releases a request's place under its key's concurrent-requests limit exactly once, when the request has ended,
 * whatever happened: at the end of the dispatch for a request answered on its own thread, else when its async cycle
 * ends (the whole answer or the stream's end, the client gone, an error, a time-out). In front of Jersey, which is where
 * {@link KeyLimitAdmission} leaves the {@link KeyLimiter.Permit} (Jersey's request properties are the servlet request's
 * attributes).
 */
public final class KeyLimitRelease extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** The request attribute holding the permit to release. */
    static final String PERMIT = KeyLimiter.Permit.class.getName();
    /** The request attribute saying that this filter will release it (else admission releases at once). */
    static final String RELEASED_HERE = KeyLimitRelease.class.getName();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        request.setAttribute(RELEASED_HERE, Boolean.TRUE);
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.getAttribute(PERMIT) instanceof KeyLimiter.Permit permit) {
                releaseAtEnd(request, permit);
            }
        }
    }

    private static void releaseAtEnd(HttpServletRequest request, KeyLimiter.Permit permit) {
        if (!request.isAsyncStarted()) {
            permit.release();
            return;
        }
        try {
            // Added while the dispatch that started the async cycle is still running: the container fires it at its end.
            request.getAsyncContext().addListener(new AsyncListener() {
                @Override
                public void onComplete(AsyncEvent event) {
                    permit.release();
                }

                @Override
                public void onTimeout(AsyncEvent event) {
                    permit.release();
                }

                @Override
                public void onError(AsyncEvent event) {
                    permit.release();
                }

                @Override
                public void onStartAsync(AsyncEvent event) {
                    // a new cycle of the same request: still open
                }
            });
        } catch (IllegalStateException alreadyEnded) {
            permit.release();
        }
    }
}
