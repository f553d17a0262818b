package dev.copilotgateway.metrics;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Who may read {@code /metrics}. Without the {@code metrics-token} setting: callers on this machine only — a loopback
 * peer address that carries no forwarding header (a reverse proxy on this machine makes every caller look local; the
 * headers say someone else is behind it, and a header never makes a remote caller local). With the setting:
 * {@code Authorization: Bearer <token>} from anywhere, compared in constant time, and nobody without it.
 */
public final class MetricsAccess {

    /** Headers that say the request was passed on by a proxy. */
    static final String[] FORWARDING_HEADERS = {"Forwarded", "X-Forwarded-For", "X-Real-IP", "X-Forwarded-Host"};

    /** A literal IPv4 or IPv6 address, so that checking it never asks a DNS server. */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.%a-zA-Z]*");

    private final byte[] tokenDigest; // null: loopback only

    public MetricsAccess(Optional<String> token) {
        this.tokenDigest = token.filter(value -> !value.isEmpty()).map(MetricsAccess::digest).orElse(null);
    }

    /**
     * @param peerAddress   the connection's peer (the servlet's remote address)
     * @param authorization the {@code Authorization} header, or null
     * @param headers       the request's headers by name (null when absent)
     */
    public boolean allows(String peerAddress, String authorization, Function<String, String> headers) {
        if (tokenDigest != null) {
            return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                    && MessageDigest.isEqual(tokenDigest, digest(authorization.substring(7).strip()));
        }
        for (String header : FORWARDING_HEADERS) {
            if (headers.apply(header) != null) {
                return false;
            }
        }
        return isLoopback(peerAddress);
    }

    public boolean needsToken() {
        return tokenDigest != null;
    }

    static boolean isLoopback(String address) {
        if (address == null || !IP_LITERAL.matcher(address).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }

    /** Digests of equal length, so the comparison takes as long whatever was sent. */
    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every JVM", impossible);
        }
    }
}
