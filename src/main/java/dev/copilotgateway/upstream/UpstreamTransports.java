package dev.copilotgateway.upstream;

import java.net.http.HttpClient;
import java.time.Duration;

/** Opens the transport the settings choose ({@code upstream-http-client}, {@code upstream-http-version}). */
public final class UpstreamTransports {

    /** Which HTTP client carries Copilot calls. */
    public enum Client {
        JETTY, JDK
    }

    private UpstreamTransports() {
    }

    /** {@code timeouts}: the gateway's own waits for the upstream; the connection's safety net is sized from them. */
    public static UpstreamTransport open(Client client, HttpClient.Version version, Duration connectTimeout, UpstreamTimeouts timeouts) {
        return switch (client) {
            case JETTY -> JettyTransport.open(version, connectTimeout, longest(timeouts.firstByte(), timeouts.streamIdle()));
            case JDK -> JdkTransport.open(version, connectTimeout);
        };
    }

    private static Duration longest(Duration first, Duration second) {
        return first.compareTo(second) >= 0 ? first : second;
    }
}
