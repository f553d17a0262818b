package dev.copilotgateway.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address block ({@code 10.0.0.0/8}, {@code fd00::/64}, or one address without a prefix length). Only
 * address literals are accepted, so neither parsing nor matching ever looks a name up. An IPv4-mapped IPv6 address
 * ({@code ::ffff:10.0.0.1}) is the IPv4 address it maps.
 */
public final class CidrBlock {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private CidrBlock(byte[] network, int prefixLength, String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /** The block {@code text} means; {@link IllegalArgumentException} when it is not one. */
    public static CidrBlock parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        int slash = trimmed.indexOf('/');
        String addressPart = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] address = literal(addressPart)
                .orElseThrow(() -> new IllegalArgumentException("has an entry that is not an IP address or CIDR block: " + trimmed));
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String prefixText = trimmed.substring(slash + 1);
            if (!prefixText.matches("\\d{1,3}") || Integer.parseInt(prefixText) > bits) {
                throw new IllegalArgumentException("has a CIDR block with a prefix length that is not 0 to " + bits + ": " + trimmed);
            }
            prefix = Integer.parseInt(prefixText);
        }
        return new CidrBlock(masked(address, prefix), prefix, trimmed);
    }

    /** Whether {@code address} (a literal, as {@code getRemoteAddr()} gives it) is in this block; false for anything else. */
    public boolean contains(String address) {
        Optional<byte[]> bytes = literal(address == null ? "" : address.strip());
        return bytes.isPresent() && bytes.get().length == network.length && Arrays.equals(masked(bytes.get(), prefixLength), network);
    }

    /** The bytes of an IPv4 or IPv6 literal (IPv4-mapped IPv6 as IPv4); empty for anything that is not one. */
    static Optional<byte[]> literal(String text) {
        String candidate = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        int zone = candidate.indexOf('%');
        if (zone >= 0 && candidate.contains(":")) {
            candidate = candidate.substring(0, zone);
        }
        if (IPV4.matcher(candidate).matches()) {
            for (String part : candidate.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return Optional.empty();
                }
            }
        } else if (!IPV6.matcher(candidate).matches()) {
            return Optional.empty(); // never a name: InetAddress would look it up
        }
        try {
            return Optional.of(InetAddress.getByName(candidate).getAddress());
        } catch (UnknownHostException | IllegalArgumentException notLiteral) {
            return Optional.empty();
        }
    }

    private static byte[] masked(byte[] address, int prefix) {
        byte[] result = address.clone();
        for (int i = 0; i < result.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            result[i] &= (byte) (0xFF << (8 - keep));
        }
        return result;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CidrBlock block && block.prefixLength == prefixLength && Arrays.equals(block.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        return text;
    }
}
