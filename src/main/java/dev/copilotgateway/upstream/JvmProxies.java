package dev.copilotgateway.upstream;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.client.HttpProxy;
import org.eclipse.jetty.client.Origin;
import org.eclipse.jetty.client.ProxyConfiguration;

/**
 * The JVM's proxy settings ({@code https.proxyHost}/{@code https.proxyPort}, {@code http.proxyHost}/{@code
 * http.proxyPort}, {@code http.nonProxyHosts}) for Jetty's client: one HTTP proxy per configured address, used for a
 * destination exactly when the JVM's {@link ProxySelector} would pick it (so the non-proxy hosts apply as they do
 * for the JDK client). An https destination goes through the proxy's CONNECT tunnel; an http:// one in absolute form
 * when sent as HTTP/1.1 (see {@link #carries}).
 */
final class JvmProxies {

    private JvmProxies() {
    }

    /** Adds the JVM's proxies, read now; whether there is any. */
    static boolean apply(ProxyConfiguration configuration) {
        Set<Origin.Address> addresses = new LinkedHashSet<>();
        addIfSet(addresses, "https", 443);
        addIfSet(addresses, "http", 80);
        addresses.forEach(address -> configuration.addProxy(new SelectedProxy(address)));
        return !addresses.isEmpty();
    }

    /** Whether a proxy of {@code configuration} carries calls to {@code destination}. */
    static boolean carries(ProxyConfiguration configuration, URI destination) {
        int port = destination.getPort() >= 0 ? destination.getPort() : "https".equalsIgnoreCase(destination.getScheme()) ? 443 : 80;
        Origin origin = new Origin(destination.getScheme(), destination.getHost(), port);
        return configuration.getProxies().stream().anyMatch(proxy -> proxy.matches(origin));
    }

    private static void addIfSet(Set<Origin.Address> addresses, String scheme, int defaultPort) {
        String host = System.getProperty(scheme + ".proxyHost");
        if (host != null && !host.isBlank()) {
            addresses.add(new Origin.Address(host.strip(), Integer.getInteger(scheme + ".proxyPort", defaultPort)));
        }
    }

    /** An HTTP proxy that applies where the JVM's proxy selector chooses it. */
    private static final class SelectedProxy extends HttpProxy {

        SelectedProxy(Origin.Address address) {
            super(address, false);
        }

        @Override
        public boolean matches(Origin origin) {
            URI destination = URI.create(origin.getScheme() + "://" + origin.getAddress().asString());
            List<Proxy> chosen = ProxySelector.getDefault().select(destination);
            return chosen.stream().anyMatch(proxy -> proxy.type() == Proxy.Type.HTTP
                    && proxy.address() instanceof InetSocketAddress socket
                    && socket.getHostString().equalsIgnoreCase(getAddress().getHost())
                    && socket.getPort() == getAddress().getPort());
        }
    }
}
