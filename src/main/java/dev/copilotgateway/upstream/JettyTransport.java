package dev.copilotgateway.upstream;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient.Version;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.transport.HttpClientConnectionFactory;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.ClientConnectionFactoryOverHTTP2;
import org.eclipse.jetty.io.ClientConnectionFactory;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Copilot calls on Jetty's non-blocking {@link HttpClient} ({@code upstream-http-client=jetty}, the default), every
 * callback on one bounded, named pool the gateway owns and stops: no thread is started per request, whatever the
 * CPU count. HTTP/2 is negotiated by ALPN for https:// base URLs and spoken with prior knowledge (h2c) for http://
 * ones, except through a JVM proxy (HTTP/1.1 there); {@code upstream-http-version=1.1} keeps to HTTP/1.1.
 */
final class JettyTransport implements UpstreamTransport {

    /** Thread names start with this. */
    static final String THREAD_PREFIX = "copilot-gateway-upstream";
    /**
     * Jetty's own default. A non-streamed answer is written to its client on the thread that completed the
     * upstream call, which may block on a slow client; the pool must not run dry for that.
     */
    private static final int MAX_THREADS = 200;
    private static final int MIN_THREADS = 4;
    private static final int IDLE_THREAD_MILLIS = 60_000;
    /** Streams hold their connection (HTTP/1.1) or stream (HTTP/2) for their whole life; the admission limits bound them. */
    private static final int UNBOUNDED = 1_000_000;
    /** A plain answer above this is refused rather than held in memory. */
    private static final int MAX_COLLECTED_BODY = 256 * 1024 * 1024;
    /** Request attribute: sent as cleartext HTTP/2 with prior knowledge. */
    private static final String H2C = JettyTransport.class.getName() + ".h2c";

    private final QueuedThreadPool threads;
    private final Scheduler scheduler;
    private final HttpClient http;
    /**
     * Jetty's destinations by scheme, host and port. {@code Request.send} finds its destination with a
     * {@code ConcurrentHashMap.compute}, which locks the one entry every Copilot call shares; a plain read does not.
     */
    private final Map<String, Destination> destinations = new ConcurrentHashMap<>();
    private final FirstByteTimeouts firstByteTimeouts;
    /** A safety net under the gateway's own first-byte and stream-idle timers, for a connection that dies silently. */
    private final long requestIdleMillis;
    /** {@code upstream-http-version=2}: h2c for an http:// destination, unless a JVM proxy carries it. */
    private final boolean http2;
    /** Whether any JVM proxy is configured (else no destination needs looking up). */
    private final boolean proxies;

    private JettyTransport(QueuedThreadPool threads, Scheduler scheduler, HttpClient http, long requestIdleMillis, boolean http2,
                           boolean proxies) {
        this.threads = threads;
        this.scheduler = scheduler;
        this.http = http;
        this.requestIdleMillis = requestIdleMillis;
        this.http2 = http2;
        this.proxies = proxies;
        this.firstByteTimeouts = new FirstByteTimeouts(scheduler);
    }

    /**
     * Starts the client and its threads. {@code longestSilence}: the longest the gateway itself waits for the upstream
     * (first byte, stream idle); a connection silent for much longer is closed.
     */
    static JettyTransport open(Version version, Duration connectTimeout, Duration longestSilence) {
        return open(version, connectTimeout, longestSilence, null);
    }

    /**
     * {@code trust}: whom TLS connections trust; null for Jetty's default, a context on the JVM's trust store
     * ({@code javax.net.ssl.trustStore}, else the JDK's {@code cacerts}) read when the client starts. Host names are
     * verified either way.
     */
    static JettyTransport open(Version version, Duration connectTimeout, Duration longestSilence, SSLContext trust) {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS, IDLE_THREAD_MILLIS);
        threads.setName(THREAD_PREFIX);
        threads.setDaemon(true);
        Scheduler scheduler = new ScheduledExecutorScheduler(THREAD_PREFIX + "-scheduler", true);
        ClientConnector connector = new ClientConnector();
        connector.setExecutor(threads);
        connector.setScheduler(scheduler);
        connector.setSelectors(1);
        connector.setConnectTimeout(connectTimeout);
        if (trust != null) {
            SslContextFactory.Client tls = new SslContextFactory.Client(false);
            tls.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSslContext(trust);
            connector.setSslContextFactory(tls);
        }
        List<ClientConnectionFactory.Info> protocols = new ArrayList<>();
        if (version == Version.HTTP_2) {
            // First in the list: over TLS, ALPN offers h2 then http/1.1; in clear text, h2c with prior knowledge.
            protocols.add(new ClientConnectionFactoryOverHTTP2.HTTP2(new HTTP2Client(connector)));
        }
        protocols.add(HttpClientConnectionFactory.HTTP11);
        HttpClient http = new HttpClient(new HttpClientTransportDynamic(connector, protocols.toArray(ClientConnectionFactory.Info[]::new)));
        http.setExecutor(threads);
        http.setScheduler(scheduler);
        http.setConnectTimeout(connectTimeout.toMillis());
        http.setMaxConnectionsPerDestination(UNBOUNDED);
        http.setMaxRequestsQueuedPerDestination(UNBOUNDED);
        http.setDestinationIdleTimeout(0); // destinations are never dropped, so the transport may keep them
        // As the JDK client: no cookies kept, no Accept-Encoding or User-Agent or Content-Type of its own.
        http.setHttpCookieStore(new HttpCookieStore.Empty());
        http.getContentDecoderFactories().clear();
        http.setUserAgentField(null);
        http.setDefaultRequestContentType(null);
        boolean proxies = JvmProxies.apply(http.getProxyConfiguration());
        long requestIdleMillis = longestSilence.plusMinutes(1).toMillis();
        JettyTransport transport = new JettyTransport(threads, scheduler, http, requestIdleMillis, version == Version.HTTP_2, proxies);
        try {
            http.start();
        } catch (Exception failure) {
            transport.close();
            throw new IllegalStateException("The HTTP client for the Copilot API cannot start", failure);
        }
        return transport;
    }

    /** The whole body of {@code source} (at most {@code MAX_COLLECTED_BODY} bytes), read without blocking. */
    private static CompletableFuture<byte[]> collected(Content.Source source) {
        CompletableFuture<byte[]> body = new CompletableFuture<>();
        Content.Source.asByteArrayAsync(source, MAX_COLLECTED_BODY, Promise.Invocable.toPromise(body));
        return body;
    }

    @Override
    public CompletableFuture<HttpResponse<byte[]>> call(UpstreamRequest request) {
        CompletableFuture<HttpResponse<byte[]>> result = new CompletableFuture<>();
        Request jetty = newRequest(request, result);
        jetty.onResponseContentSource((response, source) -> collected(source)
                .whenComplete((bytes, failure) -> complete(result, response, bytes, failure)));
        send(jetty, result);
        return result;
    }

    @Override
    public CompletableFuture<HttpResponse<UpstreamStreamSubscriber.Body>> stream(UpstreamRequest request,
                                                                                  UpstreamStreamSubscriber subscriber) {
        CompletableFuture<HttpResponse<UpstreamStreamSubscriber.Body>> result = new CompletableFuture<>();
        Request jetty = newRequest(request, result);
        jetty.onResponseContentSource((response, source) -> {
            if (response.getStatus() != 200) {
                collected(source).whenComplete((bytes, failure) ->
                        complete(result, response, bytes == null ? null : new UpstreamStreamSubscriber.Body(bytes), failure));
                return;
            }
            subscriber.started(new JettyStreamBody(jetty, source, subscriber));
            result.complete(adapt(response, UpstreamStreamSubscriber.Body.STREAMING));
        });
        send(jetty, result);
        return result;
    }

    /** The request, with its first-byte timer: aborted with an {@link HttpTimeoutException} if no headers come in time. */
    private Request newRequest(UpstreamRequest request, CompletableFuture<?> result) {
        Request jetty = http.newRequest(request.uri())
                .method(request.body() == null ? HttpMethod.GET : HttpMethod.POST)
                .idleTimeout(requestIdleMillis, TimeUnit.MILLISECONDS)
                .headers(headers -> request.headers().asMap().forEach(headers::put));
        if (request.body() != null) {
            jetty.body(new BytesRequestContent(request.body()));
        }
        if (http2 && "http".equalsIgnoreCase(request.uri().getScheme())) {
            if (proxies && JvmProxies.carries(http.getProxyConfiguration(), request.uri())) {
                // h2c cannot pass an HTTP/1.1 proxy: Jetty would ask it for a CONNECT tunnel, which proxies commonly
                // allow to port 443 only. HTTP/1.1 in absolute form, as any proxy takes it.
                jetty.version(HttpVersion.HTTP_1_1);
            } else {
                jetty.attribute(H2C, Boolean.TRUE);
            }
        }
        FirstByteTimeouts.Timer timer = firstByteTimeouts.start(request.firstByteTimeout(), () -> jetty.abort(
                new HttpTimeoutException("no response headers within " + request.firstByteTimeout().toMillis() + " ms")));
        jetty.onResponseHeaders(response -> timer.cancel());
        result.whenComplete((ignored, failure) -> timer.cancel());
        return jetty;
    }

    /** Sends as {@code Request.send} does, but to the destination this transport keeps (see {@code destinations}). */
    private void send(Request jetty, CompletableFuture<?> result) {
        Destination destination;
        try {
            // The version and h2c mark are part of the key: an http:// destination a proxy carries goes as HTTP/1.1.
            destination = destinations.computeIfAbsent(jetty.getScheme() + "://" + jetty.getHost() + ":" + jetty.getPort() + " "
                    + jetty.getVersion() + (jetty.getAttributes().containsKey(H2C) ? " h2c" : ""), origin -> http.resolveDestination(jetty));
        } catch (RuntimeException unreachable) {
            result.completeExceptionally(unreachable);
            return;
        }
        destination.send(jetty, outcome -> {
            if (outcome.isFailed()) { // no-op once the headers were handed on
                result.completeExceptionally(asJdkFailure(notHttp2Explained(jetty, outcome.getFailure())));
            }
        });
    }

    /**
     * An HTTP/1.1-only server answers the h2c preface with {@code HTTP/1.1 400 ...}, which HTTP/2 reads as the header
     * of an oversized frame: said plainly, with the setting that helps. Still an I/O failure (the next account may try).
     */
    private static Throwable notHttp2Explained(Request jetty, Throwable failure) {
        if (Boolean.TRUE.equals(jetty.getAttributes().get(H2C)) && failure instanceof IOException
                && failure.getMessage() != null && failure.getMessage().startsWith("frame_size_error")) {
            return new IOException("The upstream " + jetty.getScheme() + "://" + jetty.getHost() + ":" + jetty.getPort()
                    + " did not answer in HTTP/2 (h2c with prior knowledge, upstream-http-version=2): an HTTP/1.1-only upstream"
                    + " needs upstream-http-version=1.1", failure);
        }
        return failure;
    }

    private static <T> void complete(CompletableFuture<HttpResponse<T>> result, Response response, T body, Throwable failure) {
        if (failure != null) {
            result.completeExceptionally(asJdkFailure(failure));
        } else {
            result.complete(adapt(response, body));
        }
    }

    private static <T> HttpResponse<T> adapt(Response response, T body) {
        return new ReceivedResponse<>(response.getRequest().getURI(), response.getStatus(), headers(response.getHeaders()),
                response.getVersion() == HttpVersion.HTTP_2 ? Version.HTTP_2 : Version.HTTP_1_1, body);
    }

    private static HttpHeaders headers(HttpFields fields) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (HttpField field : fields) {
            map.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
        }
        return HttpHeaders.of(map, (name, value) -> true);
    }

    /** The failures the gateway tells apart, as the JDK client reports them (see {@code Failures}, {@code CopilotDispatcher}). */
    static Throwable asJdkFailure(Throwable failure) {
        if (failure instanceof SocketTimeoutException) { // Jetty's connect timeout
            HttpConnectTimeoutException connect = new HttpConnectTimeoutException(failure.getMessage());
            connect.initCause(failure);
            return connect;
        }
        if (failure instanceof TimeoutException) {
            HttpTimeoutException timeout = new HttpTimeoutException(failure.getMessage());
            timeout.initCause(failure);
            return timeout;
        }
        return failure;
    }

    @Override
    public void close() {
        firstByteTimeouts.destroy();
        stop(http);
        stop(threads);
        stop((org.eclipse.jetty.util.component.LifeCycle) scheduler);
    }

    private static void stop(org.eclipse.jetty.util.component.LifeCycle component) {
        try {
            component.stop();
        } catch (Exception ignored) {
            // stopping at shutdown: nothing more to do
        }
    }
}
