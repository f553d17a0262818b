package dev.copilotgateway.upstream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small HTTP/1.1 forward proxy on 127.0.0.1 for tests: absolute-form requests ({@code POST http://host:port/path
 * HTTP/1.1}) are passed on in origin form, one per connection; {@code CONNECT host:port} opens a tunnel, to the ports
 * it allows only (like Squid's default, which tunnels to TLS ports only). Records the request line of everything that
 * came through, refused or not.
 */
final class RecordingForwardProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "test-forward-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile Set<Integer> tunnelPorts = Set.of();

    RecordingForwardProxy() {
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.execute(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** CONNECT is allowed to these ports only (none at first): others get 403. */
    RecordingForwardProxy tunnellingTo(Integer... ports) {
        tunnelPorts = Set.of(ports);
        return this;
    }

    /** The request lines received, e.g. {@code CONNECT 127.0.0.1:8443 HTTP/1.1}, in order. */
    List<String> requestLines() {
        return List.copyOf(requestLines);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                open.add(client);
                threads.execute(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            String requestLine = lines[0];
            requestLines.add(requestLine);
            String[] parts = requestLine.split(" ");
            if (parts.length != 3) {
                respond(out, "400 Bad Request");
            } else if (parts[0].equalsIgnoreCase("CONNECT")) {
                tunnel(client, parts[1]);
            } else {
                forward(client, parts, lines);
            }
        } catch (IOException ignored) {
            // a side went away: the connection ends
        }
    }

    private void tunnel(Socket client, String authority) throws IOException {
        int colon = authority.lastIndexOf(':');
        int port = Integer.parseInt(authority.substring(colon + 1));
        if (!tunnelPorts.contains(port)) {
            respond(client.getOutputStream(), "403 Forbidden");
            return;
        }
        try (Socket server = connect(authority.substring(0, colon), port)) {
            client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            client.getOutputStream().flush();
            pipeBothWays(client, server);
        }
    }

    /** The request in origin form with {@code Connection: close}, then bytes both ways until either side closes. */
    private void forward(Socket client, String[] requestLine, String[] headLines) throws IOException {
        URI target = URI.create(requestLine[1]);
        if (!"http".equalsIgnoreCase(target.getScheme()) || target.getHost() == null) {
            respond(client.getOutputStream(), "400 Bad Request");
            return;
        }
        StringBuilder head = new StringBuilder(requestLine[0]).append(' ').append(target.getRawPath() == null || target.getRawPath().isEmpty()
                ? "/" : target.getRawPath()).append(target.getRawQuery() == null ? "" : "?" + target.getRawQuery())
                .append(' ').append(requestLine[2]).append("\r\n");
        for (int i = 1; i < headLines.length; i++) {
            String name = headLines[i].substring(0, Math.max(0, headLines[i].indexOf(':'))).strip().toLowerCase(Locale.ROOT);
            if (!name.equals("connection") && !name.equals("proxy-connection") && !name.equals("keep-alive")) {
                head.append(headLines[i]).append("\r\n");
            }
        }
        head.append("Connection: close\r\n\r\n");
        try (Socket server = connect(target.getHost(), target.getPort() < 0 ? 80 : target.getPort())) {
            server.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            server.getOutputStream().flush();
            pipeBothWays(client, server);
        }
    }

    private Socket connect(String host, int port) throws IOException {
        Socket server = new Socket();
        open.add(server);
        server.connect(new InetSocketAddress(host, port), 5_000);
        return server;
    }

    /** Copies client → server on another thread and server → client on this one; returns when the server side ends. */
    private void pipeBothWays(Socket client, Socket server) throws IOException {
        threads.execute(() -> {
            try {
                client.getInputStream().transferTo(server.getOutputStream());
                server.shutdownOutput();
            } catch (IOException ignored) {
                // either side closed
            }
        });
        server.getInputStream().transferTo(client.getOutputStream());
        client.getOutputStream().flush();
    }

    private static void respond(OutputStream out, String status) throws IOException {
        out.write(("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The bytes up to the blank line that ends the head, and not one more. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("closed before the end of the head");
            }
            head.write(next);
            matched = next == end[matched] ? matched + 1 : (next == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        threads.shutdownNow();
    }
}
