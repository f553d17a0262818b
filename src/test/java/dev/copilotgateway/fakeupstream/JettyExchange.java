package dev.copilotgateway.fakeupstream;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One Jetty request seen as a JDK {@link HttpExchange}, so the fake's endpoints serve the {@link H2cListener} (HTTP/2)
 * unchanged. As with the JDK server, the response may be written after the handler returned, until {@link #close()};
 * a body stream whose close fails (a dropped stream, see {@link AbortableOutputStream}) resets the HTTP/2 stream.
 */
final class JettyExchange extends HttpExchange {

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final Headers requestHeaders = new Headers();
    private final Headers responseHeaders = new Headers();
    private final Map<String, Object> attributes = new HashMap<>();
    private InputStream requestBody;
    private OutputStream responseBody;
    private final AtomicBoolean finished = new AtomicBoolean();
    private int status = -1;

    JettyExchange(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        for (HttpField field : request.getHeaders()) {
            requestHeaders.add(field.getName(), field.getValue());
        }
        this.requestBody = Content.Source.asInputStream(request);
        this.responseBody = new FilterOutputStream(Content.Sink.asOutputStream(response)) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            /** As on the JDK server, closing the body ends the exchange. */
            @Override
            public void close() throws IOException {
                try {
                    out.close();
                } catch (IOException failed) {
                    finish(failed);
                    throw failed;
                }
                finish(null);
            }
        };
    }

    /** Completes Jetty's side of the exchange, once. */
    private void finish(Throwable failure) {
        if (finished.compareAndSet(false, true)) {
            if (failure == null) {
                callback.succeeded();
            } else {
                callback.failed(failure);
            }
        }
    }

    @Override
    public Headers getRequestHeaders() {
        return requestHeaders;
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        return URI.create(request.getHttpURI().getPathQuery());
    }

    @Override
    public String getRequestMethod() {
        return request.getMethod();
    }

    @Override
    public HttpContext getHttpContext() {
        return null;
    }

    /** Ends the response: its body's close ends the stream normally, a failing close resets it. */
    @Override
    public void close() {
        if (status < 0) {
            finish(new IOException("closed without a response"));
            return;
        }
        try {
            requestBody.close();
            responseBody.close();
            finish(null);
        } catch (IOException | RuntimeException failed) {
            finish(failed);
        }
    }

    @Override
    public InputStream getRequestBody() {
        return requestBody;
    }

    @Override
    public OutputStream getResponseBody() {
        return responseBody;
    }

    /** As the JDK server: length -1 for no body, 0 for a body of unknown length. */
    @Override
    public void sendResponseHeaders(int code, long length) throws IOException {
        status = code;
        response.setStatus(code);
        responseHeaders.forEach((name, values) -> {
            for (String value : values) {
                response.getHeaders().add(name, value);
            }
        });
        if (length > 0) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
        } else if (length < 0) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
        }
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return inet(request.getConnectionMetaData().getRemoteSocketAddress());
    }

    @Override
    public int getResponseCode() {
        return status;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return inet(request.getConnectionMetaData().getLocalSocketAddress());
    }

    /** {@code HTTP/2.0} over h2c, {@code HTTP/1.1} otherwise. */
    @Override
    public String getProtocol() {
        return request.getConnectionMetaData().getProtocol();
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        attributes.put(name, value);
    }

    @Override
    public void setStreams(InputStream in, OutputStream out) {
        if (in != null) {
            requestBody = in;
        }
        if (out != null) {
            responseBody = out;
        }
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return null;
    }

    private static InetSocketAddress inet(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet : null;
    }

}
