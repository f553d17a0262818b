package dev.copilotgateway.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Just enough of AJP 1.3 to send a GET as a web server in front of Tomcat would (Apache's mod_proxy_ajp): the request
 * with its secret and, optionally, the user the web server authenticated ({@code REMOTE_USER}); the answer's status,
 * headers and body. The protocol: https://tomcat.apache.org/connectors-doc/ajp/ajpv13a.html
 */
final class AjpClient {

    /** An answer: the status, the headers (names in lower case; the last of a repeated one) and the body. */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    private static final int FORWARD_REQUEST = 2;
    private static final int METHOD_GET = 2;
    private static final int ATTRIBUTE_REMOTE_USER = 0x03;
    private static final int ATTRIBUTE_SECRET = 0x0C;
    private static final int ATTRIBUTES_END = 0xFF;
    private static final int SEND_BODY_CHUNK = 3;
    private static final int SEND_HEADERS = 4;
    private static final int END_RESPONSE = 5;
    private static final String[] RESPONSE_HEADER_NAMES = {"content-type", "content-language", "content-length", "date",
        "last-modified", "location", "set-cookie", "set-cookie2", "servlet-engine", "status", "www-authenticate"};

    private AjpClient() {
    }

    /**
     * GET {@code uri} as the web server would forward it: from the client {@code remoteAddress}, with {@code headers}
     * (besides {@code Host}) and, unless null, the web server's authenticated {@code remoteUser}.
     */
    static Answer get(int port, String secret, String uri, String remoteAddress, String remoteUser, Map<String, String> headers)
            throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            send(socket.getOutputStream(), forwardRequest(secret, uri, remoteAddress, remoteUser, headers));
            return read(new DataInputStream(socket.getInputStream()));
        }
    }

    private static byte[] forwardRequest(String secret, String uri, String remoteAddress, String remoteUser, Map<String, String> headers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(FORWARD_REQUEST);
        out.write(METHOD_GET);
        string(out, "HTTP/1.1");
        string(out, uri);
        string(out, remoteAddress);
        string(out, remoteAddress); // remote host
        string(out, "localhost"); // server name
        integer(out, 80);
        out.write(0); // not over SSL
        integer(out, headers.size() + 1);
        string(out, "host");
        string(out, "localhost");
        headers.forEach((name, value) -> {
            string(out, name);
            string(out, value);
        });
        if (remoteUser != null) {
            out.write(ATTRIBUTE_REMOTE_USER);
            string(out, remoteUser);
        }
        out.write(ATTRIBUTE_SECRET);
        string(out, secret);
        out.write(ATTRIBUTES_END);
        return out.toByteArray();
    }

    private static void send(OutputStream socket, byte[] payload) throws IOException {
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x12);
        packet.write(0x34);
        integer(packet, payload.length);
        packet.write(payload, 0, payload.length);
        socket.write(packet.toByteArray());
        socket.flush();
    }

    private static Answer read(DataInputStream in) throws IOException {
        int status = 0;
        Map<String, String> headers = new HashMap<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            if (in.readUnsignedByte() != 'A' || in.readUnsignedByte() != 'B') {
                throw new IOException("not an AJP packet from the container");
            }
            byte[] payload = new byte[in.readUnsignedShort()];
            in.readFully(payload);
            Reader packet = new Reader(payload);
            switch (packet.readByte()) {
                case SEND_HEADERS -> {
                    status = packet.readInt();
                    packet.readString(); // the status message
                    for (int i = packet.readInt(); i > 0; i--) {
                        int code = packet.peekInt();
                        String name = code >= 0xA001 && code <= 0xA00B ? RESPONSE_HEADER_NAMES[packet.readInt() - 0xA001] : packet.readString();
                        headers.put(name.toLowerCase(Locale.ROOT), packet.readString());
                    }
                }
                case SEND_BODY_CHUNK -> body.write(payload, 3, packet.readInt());
                case END_RESPONSE -> {
                    return new Answer(status, headers, body.toString(StandardCharsets.UTF_8));
                }
                default -> throw new IOException("unexpected AJP packet type " + payload[0]);
            }
        }
    }

    private static void string(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        integer(out, bytes.length);
        out.write(bytes, 0, bytes.length);
        out.write(0);
    }

    private static void integer(ByteArrayOutputStream out, int value) {
        out.write(value >> 8 & 0xFF);
        out.write(value & 0xFF);
    }

    /** Reads an AJP packet's payload: bytes, two-byte integers and length-prefixed, NUL-terminated strings. */
    private static final class Reader {
        private final byte[] payload;
        private int position;

        Reader(byte[] payload) {
            this.payload = payload;
        }

        int readByte() {
            return payload[position++] & 0xFF;
        }

        int peekInt() {
            return (payload[position] & 0xFF) << 8 | payload[position + 1] & 0xFF;
        }

        int readInt() {
            int value = peekInt();
            position += 2;
            return value;
        }

        String readString() {
            int length = readInt();
            if (length == 0xFFFF) {
                return null;
            }
            String value = new String(payload, position, length, StandardCharsets.UTF_8);
            position += length + 1;
            return value;
        }
    }
}
