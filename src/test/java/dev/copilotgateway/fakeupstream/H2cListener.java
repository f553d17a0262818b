package dev.copilotgateway.fakeupstream;

import com.sun.net.httpserver.HttpHandler;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.AbstractHTTP2ServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.RateControl;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The fake's HTTP/2 listener (Jetty 12): cleartext HTTP/2 with prior knowledge (h2c) and HTTP/1.1 on one loopback
 * port, serving the same {@link HttpHandler} as the JDK server through {@link JettyExchange}; optionally TLS on a
 * second port, offering h2 and http/1.1 by ALPN.
 */
final class H2cListener implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;
    /** Null without TLS. */
    private final ServerConnector tlsConnector;

    private H2cListener(Server server, ServerConnector connector, ServerConnector tlsConnector) {
        this.server = server;
        this.connector = connector;
        this.tlsConnector = tlsConnector;
    }

    /** {@code tls}: the certificate of a TLS listener on an ephemeral port besides the cleartext one; null for none. */
    static H2cListener start(int port, int backlog, HttpHandler handler, SelfSignedCertificate tls) {
        QueuedThreadPool threads = new QueuedThreadPool(256, 8);
        threads.setName("fake-upstream-h2c");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory(config);
        forManyStreams(h2c);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config), h2c);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptQueueSize(backlog);
        connector.setIdleTimeout(0); // hung requests and slow streams stay open, as on the JDK server
        server.addConnector(connector);
        ServerConnector tlsConnector = tls == null ? null : tlsConnector(server, config, tls);
        if (tlsConnector != null) {
            server.addConnector(tlsConnector);
        }
        server.setStopTimeout(0);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                handler.handle(new JettyExchange(request, response, callback));
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the h2c listener on 127.0.0.1:" + port, e);
        }
        return new H2cListener(server, connector, tlsConnector);
    }

    private static void forManyStreams(AbstractHTTP2ServerConnectionFactory http2) {
        http2.setMaxConcurrentStreams(100_000); // a benchmark's thousands of streams share few connections
        // Jetty's guard against "rapid reset" floods would close the whole connection (and fail every stream on it)
        // when a load generator stops and the gateway cancels hundreds of streams in the same second.
        http2.setRateControlFactory(new RateControl.Factory() {
            @Override
            public RateControl newRateControl(EndPoint endPoint) {
                return RateControl.NO_RATE_CONTROL;
            }
        });
    }

    /** TLS on 127.0.0.1, an ephemeral port: ALPN offers h2, then http/1.1 (also taken when the client names none). */
    private static ServerConnector tlsConnector(Server server, HttpConfiguration plain, SelfSignedCertificate certificate) {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStorePath(certificate.keyStore().toString());
        tls.setKeyStoreType("PKCS12");
        tls.setKeyStorePassword(certificate.password());
        HttpConfiguration secure = new HttpConfiguration(plain);
        // Clients reach it by IP address, which is never sent as SNI: no SNI checks.
        secure.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
        HttpConnectionFactory http11 = new HttpConnectionFactory(secure);
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(secure);
        forManyStreams(h2);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory(h2.getProtocol(), http11.getProtocol());
        alpn.setDefaultProtocol(http11.getProtocol());
        SslConnectionFactory ssl = new SslConnectionFactory(tls, alpn.getProtocol());
        ServerConnector connector = new ServerConnector(server, 1, 1, ssl, alpn, h2, http11);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setIdleTimeout(0);
        return connector;
    }

    int port() {
        return connector.getLocalPort();
    }

    /** The TLS listener's port; -1 without one. */
    int tlsPort() {
        return tlsConnector == null ? -1 : tlsConnector.getLocalPort();
    }

    /** Closes every connection at once, including hung exchanges. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception ignored) {
            // the fake is going away anyway
        }
    }
}
