package dev.copilotgateway.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The proxy the agents are given for every host but loopback: it answers nothing and remembers the first line of
 * each request ({@code CONNECT github.com:443 HTTP/1.1}), so a test can assert that an agent tried to reach no one
 * but the gateway. Runs on one daemon thread of its own until closed.
 */
final class OutsideTrafficTrap implements AutoCloseable {

    private final ServerSocket server;
    private final List<String> attempts = new ArrayList<>();

    OutsideTrafficTrap() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        Thread acceptor = new Thread(this::accept, "outside-traffic-trap");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    synchronized List<String> attempts() {
        return List.copyOf(attempts);
    }

    synchronized void clear() {
        attempts.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(2000);
                String firstLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
                record(firstLine == null ? "(connection without a request)" : firstLine);
            } catch (IOException e) {
                if (!server.isClosed()) {
                    record("(connection failed: " + e.getMessage() + ")");
                }
            }
        }
    }

    private synchronized void record(String attempt) {
        attempts.add(attempt);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
