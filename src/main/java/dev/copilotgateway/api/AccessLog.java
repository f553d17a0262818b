package dev.copilotgateway.api;

import dev.copilotgateway.security.Caller;
import dev.copilotgateway.usage.RequestMeter;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Writes one {@link AccessLine} per public API request when it has ended — for a stream, when the stream has ended
 * (an {@link AsyncListener}) — to the java.util.logging logger {@value #LOGGER_NAME}, which
 * {@code tomcat-conf/logging.properties} sends to its own file through an asynchronous handler (the request thread
 * only queues the line). A servlet filter rather than a request-outcome listener: only the servlet layer knows the
 * peer address, the method and the path, and it sees every request, also those refused before Jersey. What only the
 * proxies know (API, model, account, time to first byte) comes from the request's {@link RequestMeter}: the proxy
 * starts it on the request's thread, inside this filter, and {@link #attach} (a {@code RequestMeters#onStart} listener)
 * puts it on the request then.
 */
public final class AccessLog extends HttpFilter {

    private static final long serialVersionUID = 1L;

    public static final String LOGGER_NAME = "copilot-gateway.access";
    /**
     * Set on every request this filter logs: {@code tomcat-conf/server.xml}'s access log valve skips those
     * ({@code conditionUnless}), so an API request is logged once, and not also under the valve's lock.
     */
    public static final String LOGGED_ATTRIBUTE = "copilot-gateway.access-logged";
    /** The request attribute that holds the request's {@link RequestMeter}. */
    static final String METER_ATTRIBUTE = RequestMeter.class.getName();

    /** Paths that are not the public API: the console, its files, the admin API (audited), probes and metrics. */
    private static final Pattern NOT_PUBLIC = Pattern.compile("/(console|static|admin|metrics|healthz|readyz)(/.*)?|/favicon\\.ico");

    private final transient Logger log;
    private final transient Clock clock;
    /** The request this thread is passing down the filter chain, while it does. */
    private final transient ThreadLocal<HttpServletRequest> inFilter = new ThreadLocal<>();

    public AccessLog(Clock clock) {
        this(Logger.getLogger(LOGGER_NAME), clock);
    }

    AccessLog(Logger log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (NOT_PUBLIC.matcher(path).matches() || !log.isLoggable(Level.INFO)) {
            chain.doFilter(request, response);
            return;
        }
        Instant arrived = clock.instant();
        long started = System.nanoTime();
        request.setAttribute(LOGGED_ATTRIBUTE, Boolean.TRUE);
        inFilter.set(request);
        try {
            chain.doFilter(request, response);
        } finally {
            inFilter.remove();
            if (!request.isAsyncStarted() || !listen(request, new WhenComplete(arrived, started, path))) {
                write(request, response, arrived, started, path);
            }
        }
    }

    /** Puts a meter started on this thread on the request this filter is passing on (none outside the filter: ignored). */
    public void attach(RequestMeter meter) {
        HttpServletRequest request = inFilter.get();
        if (request != null) {
            request.setAttribute(METER_ATTRIBUTE, meter);
        }
    }

    private static boolean listen(HttpServletRequest request, AsyncListener listener) {
        try {
            request.getAsyncContext().addListener(listener);
            return true;
        } catch (IllegalStateException alreadyCompleted) {
            return false;
        }
    }

    private void write(HttpServletRequest request, HttpServletResponse response, Instant arrived, long started, String path) {
        long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        // A record of our own, its source given: JUL neither walks the stack for the caller nor looks up a resource
        // bundle under the logger's lock, as Logger.logp does for every line.
        LogRecord record = new LogRecord(Level.INFO, line(request, response.getStatus(), response.getContentType(), arrived, latencyMs, path).json());
        record.setLoggerName(log.getName());
        record.setSourceClassName(AccessLog.class.getName());
        record.setSourceMethodName("doFilter");
        log.log(record);
    }

    static AccessLine line(HttpServletRequest request, int status, String contentType, Instant arrived, long latencyMs, String path) {
        Caller caller = request.getAttribute(Caller.PROPERTY) instanceof Caller known ? known : null;
        RequestMeter meter = request.getAttribute(METER_ATTRIBUTE) instanceof RequestMeter started ? started : null;
        boolean stream = meter != null ? meter.stream() : contentType != null && contentType.startsWith("text/event-stream");
        return new AccessLine(arrived, request.getRemoteAddr(), request.getMethod(), path, status, latencyMs,
                meter == null ? null : meter.ttfbMs(), stream,
                meter == null ? null : meter.ingress(),
                meter == null ? null : meter.model(),
                caller == null ? null : caller.keyPrefix(),
                meter == null ? null : meter.accountId());
    }

    /** Writes the line of an asynchronous request (a stream, or an answer resumed later) when it completes. */
    private final class WhenComplete implements AsyncListener {
        private final Instant arrived;
        private final long started;
        private final String path;

        WhenComplete(Instant arrived, long started, String path) {
            this.arrived = arrived;
            this.started = started;
            this.path = path;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            write((HttpServletRequest) event.getSuppliedRequest(), (HttpServletResponse) event.getSuppliedResponse(), arrived, started, path);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // the container completes the request next: onComplete writes the line
        }

        @Override
        public void onError(AsyncEvent event) {
            // likewise
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this); // started again (a redispatch): keep listening
        }
    }
}
