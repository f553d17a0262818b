package dev.copilotgateway.fakeupstream;

import com.sun.net.httpserver.HttpHandler;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.RateControl;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The fake's HTTP/2 listener (Jetty 12): cleartext HTTP/2 with prior knowledge (h2c) and HTTP/1.1 on one loopback
 * port, serving the same {@link HttpHandler} as the JDK server through {@link JettyExchange}.
 */
final class H2cListener implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;

    private H2cListener(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    static H2cListener start(int port, int backlog, HttpHandler handler) {
        QueuedThreadPool threads = new QueuedThreadPool(256, 8);
        threads.setName("fake-upstream-h2c");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory(config);
        h2c.setMaxConcurrentStreams(100_000); // a benchmark's thousands of streams share few connections
        // Jetty's guard against "rapid reset" floods would close the whole connection (and fail every stream on it)
        // when a load generator stops and the gateway cancels hundreds of streams in the same second.
        h2c.setRateControlFactory(new RateControl.Factory() {
            @Override
            public RateControl newRateControl(EndPoint endPoint) {
                return RateControl.NO_RATE_CONTROL;
            }
        });
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config), h2c);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptQueueSize(backlog);
        connector.setIdleTimeout(0); // hung requests and slow streams stay open, as on the JDK server
        server.addConnector(connector);
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
        return new H2cListener(server, connector);
    }

    int port() {
        return connector.getLocalPort();
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
