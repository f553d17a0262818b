package dev.copilotgateway.security;

import dev.copilotgateway.config.CidrBlock;
import dev.copilotgateway.persistence.ConsoleUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * Who a console request says it is through single sign-on: the user header of a trusted proxy (its remote address in
 * {@code console-trusted-proxies}), or, with {@code console-container-auth}, the principal the servlet container
 * authenticated (AJP's REMOTE_USER). Headers from any other address are ignored completely: a spoofed one must never sign
 * anyone in. The role: admin when a group is in the admin groups (admin wins), else viewer when one is in the viewer
 * groups, else the default role ({@code none}: no access).
 */
public final class SsoIdentities {

    /** What the console makes of a request's SSO evidence. */
    public sealed interface Decision {
        /** No SSO identity: the request signs in with a password or not at all. */
        record None(boolean untrustedHeader) implements Decision {
        }

        /** {@code username} signed in through SSO; {@code role} empty when their groups give no access. */
        record Identified(String username, List<String> groups, Optional<ConsoleUser.Role> role, String source) implements Decision {
        }
    }

    /** The SSO settings in effect. */
    public record Settings(boolean containerAuth, List<CidrBlock> trustedProxies, String userHeader, String groupsHeader,
                           List<String> adminGroups, List<String> viewerGroups, String defaultRole) {

        /** Whether SSO can sign anyone in at all. */
        public boolean enabled() {
            return containerAuth || !trustedProxies.isEmpty();
        }
    }

    static final Duration UNTRUSTED_LOG_INTERVAL = Duration.ofMinutes(1);
    private static final int MAX_USERNAME = 100;
    private static final Logger LOG = Logger.getLogger(SsoIdentities.class.getName());

    private final Settings settings;
    private final Clock clock;
    private final AtomicReference<Instant> lastUntrustedLog = new AtomicReference<>(Instant.MIN);

    public SsoIdentities(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public Settings settings() {
        return settings;
    }

    /** Whether {@code remoteAddress} is one of the trusted proxies. */
    public boolean trusted(String remoteAddress) {
        return settings.trustedProxies().stream().anyMatch(block -> block.contains(remoteAddress));
    }

    /**
     * The SSO identity of a request from {@code remoteAddress} with these {@code headers} (name to value, null when absent)
     * and the principal name the container authenticated before the console's own mechanism ran (null when none).
     */
    public Decision decide(String remoteAddress, UnaryOperator<String> headers, String containerUser) {
        String headerUser = blankToNull(headers.apply(settings.userHeader()));
        boolean fromTrustedProxy = trusted(remoteAddress);
        if (headerUser != null && !fromTrustedProxy) {
            logUntrusted(remoteAddress);
        }
        String username = fromTrustedProxy ? headerUser : null;
        String source = "header " + settings.userHeader();
        if (username == null && settings.containerAuth()) {
            username = blankToNull(containerUser);
            source = "container";
        }
        if (username == null || username.length() > MAX_USERNAME) {
            return new Decision.None(headerUser != null && !fromTrustedProxy);
        }
        List<String> groups = fromTrustedProxy ? groups(headers.apply(settings.groupsHeader())) : List.of();
        return new Decision.Identified(username, groups, role(groups), source);
    }

    /** The role these groups give: admin wins, then viewer, then the default role. */
    public Optional<ConsoleUser.Role> role(List<String> groups) {
        if (groups.stream().anyMatch(settings.adminGroups()::contains)) {
            return Optional.of(ConsoleUser.Role.ADMIN);
        }
        if (groups.stream().anyMatch(settings.viewerGroups()::contains)) {
            return Optional.of(ConsoleUser.Role.VIEWER);
        }
        return ConsoleUser.Role.named(settings.defaultRole());
    }

    /** A groups header's groups, separated by commas or semicolons. */
    static List<String> groups(String header) {
        if (header == null) {
            return List.of();
        }
        return Arrays.stream(header.split("[,;]")).map(String::strip).filter(group -> !group.isEmpty()).distinct().toList();
    }

    /** At most once a minute, and never the header's value: it could be anything a stranger wants in our logs. */
    private void logUntrusted(String remoteAddress) {
        Instant now = clock.instant();
        Instant last = lastUntrustedLog.get();
        if (now.isBefore(last.plus(UNTRUSTED_LOG_INTERVAL)) || !lastUntrustedLog.compareAndSet(last, now)) {
            return;
        }
        LOG.warning("Ignored the console SSO header " + settings.userHeader() + " from " + remoteAddress
                + ", which is not in console-trusted-proxies (logged at most once a minute)");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
