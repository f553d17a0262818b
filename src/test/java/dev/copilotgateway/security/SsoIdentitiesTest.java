package dev.copilotgateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.copilotgateway.config.CidrBlock;
import dev.copilotgateway.persistence.ConsoleUser;
import dev.copilotgateway.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Who a request is through SSO: only a trusted proxy's headers count; groups map to a role, admin first. */
class SsoIdentitiesTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T09:00:00Z"));

    private SsoIdentities identities(boolean containerAuth, String defaultRole, String... proxies) {
        return new SsoIdentities(new SsoIdentities.Settings(containerAuth, List.of(proxies).stream().map(CidrBlock::parse).toList(),
                "X-Forwarded-User", "X-Forwarded-Groups", List.of("gw-admins"), List.of("gw-viewers", "staff"), defaultRole), clock);
    }

    private static UnaryOperator<String> headers(Map<String, String> values) {
        return values::get;
    }

    @Test
    void aTrustedProxysHeaderIdentifiesTheUserWithTheRoleOfTheirGroups() {
        SsoIdentities.Decision decision = identities(false, "none", "10.0.0.5/32")
                .decide("10.0.0.5", headers(Map.of("X-Forwarded-User", " carol ", "X-Forwarded-Groups", "staff; gw-admins,other")), null);

        assertEquals(new SsoIdentities.Decision.Identified("carol", List.of("staff", "gw-admins", "other"),
                Optional.of(ConsoleUser.Role.ADMIN), "header X-Forwarded-User"), decision, "admin wins over viewer");
    }

    @Test
    void theSameHeaderFromAnyOtherAddressIsIgnored() {
        SsoIdentities.Decision decision = identities(false, "admin", "10.0.0.5/32")
                .decide("10.0.0.6", headers(Map.of("X-Forwarded-User", "admin", "X-Forwarded-Groups", "gw-admins")), null);

        assertEquals(new SsoIdentities.Decision.None(true), decision);
    }

    @Test
    void withNoTrustedProxyEveryHeaderIsIgnored() {
        SsoIdentities.Decision decision = identities(false, "admin")
                .decide("127.0.0.1", headers(Map.of("X-Forwarded-User", "admin")), null);

        assertEquals(new SsoIdentities.Decision.None(true), decision);
    }

    @Test
    void ipv6ProxiesAreTrustedByBlock() {
        SsoIdentities sso = identities(false, "none", "fd00::/64");

        assertInstanceOf(SsoIdentities.Decision.Identified.class,
                sso.decide("fd00:0:0:0:0:0:0:7", headers(Map.of("X-Forwarded-User", "dave")), null));
        assertEquals(new SsoIdentities.Decision.None(true), sso.decide("fd00:0:0:1::7", headers(Map.of("X-Forwarded-User", "dave")), null));
    }

    @Test
    void aTrustedRequestWithoutTheUserHeaderIsNoIdentity() {
        SsoIdentities sso = identities(false, "viewer", "10.0.0.5/32");

        assertEquals(new SsoIdentities.Decision.None(false), sso.decide("10.0.0.5", headers(Map.of("X-Forwarded-Groups", "gw-admins")), null));
        assertEquals(new SsoIdentities.Decision.None(false), sso.decide("10.0.0.5", headers(Map.of("X-Forwarded-User", "  ")), null));
    }

    @Test
    void aUserInNoMappedGroupGetsTheDefaultRole() {
        Map<String, String> request = Map.of("X-Forwarded-User", "erin", "X-Forwarded-Groups", "Gw-Admins");

        assertEquals(Optional.empty(), ((SsoIdentities.Decision.Identified) identities(false, "none", "10.0.0.5")
                .decide("10.0.0.5", headers(request), null)).role(), "groups are case-sensitive, and none means no access");
        assertEquals(Optional.of(ConsoleUser.Role.VIEWER), ((SsoIdentities.Decision.Identified) identities(false, "viewer", "10.0.0.5")
                .decide("10.0.0.5", headers(request), null)).role());
        assertEquals(Optional.of(ConsoleUser.Role.VIEWER), identities(false, "none").role(List.of("staff")));
    }

    @Test
    void theContainersPrincipalCountsOnlyWithContainerAuth() {
        assertEquals(new SsoIdentities.Decision.None(false), identities(false, "viewer").decide("10.0.0.9", headers(Map.of()), "frank"));

        SsoIdentities.Decision decision = identities(true, "viewer").decide("10.0.0.9",
                headers(Map.of("X-Forwarded-Groups", "gw-admins")), "frank");

        assertEquals(new SsoIdentities.Decision.Identified("frank", List.of(), Optional.of(ConsoleUser.Role.VIEWER), "container"), decision,
                "groups from an untrusted address are ignored too");
    }

    @Test
    void aTrustedHeaderWinsOverTheContainersPrincipal() {
        SsoIdentities.Decision decision = identities(true, "none", "10.0.0.5").decide("10.0.0.5",
                headers(Map.of("X-Forwarded-User", "grace", "X-Forwarded-Groups", "gw-viewers")), "frank");

        assertEquals("grace", ((SsoIdentities.Decision.Identified) decision).username());
        assertEquals(Optional.of(ConsoleUser.Role.VIEWER), ((SsoIdentities.Decision.Identified) decision).role());
    }

    @Test
    void anOverlongNameIsNoIdentity() {
        assertEquals(new SsoIdentities.Decision.None(false), identities(false, "viewer", "10.0.0.5")
                .decide("10.0.0.5", headers(Map.of("X-Forwarded-User", "x".repeat(101))), null));
    }
}
