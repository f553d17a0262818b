package dev.copilotgateway.fakeupstream;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Reading request bodies and writing complete (non-streamed) responses. */
final class ExchangeIo {

    static final String JSON = "application/json; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";

    private ExchangeIo() {
    }

    static String readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void sendJson(HttpExchange exchange, int status, JsonObject body) throws IOException {
        send(exchange, status, JSON, body.toString(), Map.of());
    }

    static void sendJson(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, JSON, body, Map.of());
    }

    static void sendText(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, TEXT, body, Map.of());
    }

    /** Sends the whole response with a content length and closes the exchange. */
    static void send(HttpExchange exchange, int status, String contentType, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", contentType);
        headers.forEach(exchange.getResponseHeaders()::set);
        // -1 is the HttpServer's way of saying "no body"; 0 would mean chunked.
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
