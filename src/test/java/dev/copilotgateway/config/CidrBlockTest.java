package dev.copilotgateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Address blocks: IPv4, IPv6, single addresses, edges of the prefix, and text that is no address (never looked up). */
class CidrBlockTest {

    @Test
    void anIpv4BlockHoldsExactlyItsAddresses() {
        CidrBlock block = CidrBlock.parse("10.1.2.0/24");

        assertTrue(block.contains("10.1.2.0"));
        assertTrue(block.contains("10.1.2.255"));
        assertFalse(block.contains("10.1.3.0"));
        assertFalse(block.contains("10.1.1.255"));
    }

    @Test
    void aPrefixNotOnAByteBoundaryMasksTheRightBits() {
        CidrBlock block = CidrBlock.parse("192.168.4.0/22");

        assertTrue(block.contains("192.168.7.200"));
        assertFalse(block.contains("192.168.8.1"));
        assertFalse(block.contains("192.168.3.255"));
    }

    @Test
    void anAddressWithoutAPrefixIsOnlyItself() {
        CidrBlock block = CidrBlock.parse("127.0.0.2");

        assertTrue(block.contains("127.0.0.2"));
        assertFalse(block.contains("127.0.0.1"));
        assertFalse(block.contains("127.0.0.3"));
    }

    @Test
    void zeroPrefixHoldsEveryAddressOfItsFamilyOnly() {
        assertTrue(CidrBlock.parse("0.0.0.0/0").contains("203.0.113.9"));
        assertFalse(CidrBlock.parse("0.0.0.0/0").contains("2001:db8::1"));
        assertTrue(CidrBlock.parse("::/0").contains("2001:db8::1"));
    }

    @Test
    void ipv6BlocksMatchInAnySpelling() {
        CidrBlock block = CidrBlock.parse("fd00:1234::/32");

        assertTrue(block.contains("fd00:1234:0:0:0:0:0:1"));
        assertTrue(block.contains("FD00:1234:ffff::9"));
        assertTrue(block.contains("[fd00:1234::1]"));
        assertFalse(block.contains("fd00:1235::1"));
        assertFalse(block.contains("10.0.0.1"));
        assertTrue(CidrBlock.parse("::1").contains("0:0:0:0:0:0:0:1"), "how Tomcat spells the IPv6 loopback");
    }

    @Test
    void anIpv4MappedIpv6AddressIsItsIpv4Address() {
        assertTrue(CidrBlock.parse("10.0.0.0/8").contains("::ffff:10.2.3.4"));
    }

    @Test
    void anythingButAnAddressLiteralIsRefusedOrNeverMatches() {
        assertThrows(IllegalArgumentException.class, () -> CidrBlock.parse("proxy.example.com"));
        assertThrows(IllegalArgumentException.class, () -> CidrBlock.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> CidrBlock.parse("::/129"));
        assertThrows(IllegalArgumentException.class, () -> CidrBlock.parse("10.0.0.256"));
        assertThrows(IllegalArgumentException.class, () -> CidrBlock.parse("10.0.0.0/-1"));
        assertThrows(IllegalArgumentException.class, () -> CidrBlock.parse(""));
        CidrBlock block = CidrBlock.parse("0.0.0.0/0");
        assertFalse(block.contains("localhost"), "a name is never looked up, so never matches");
        assertFalse(block.contains(null));
        assertFalse(block.contains(""));
    }

    @Test
    void blocksThatHoldTheSameAddressesAreEqual() {
        assertEquals(CidrBlock.parse("10.1.2.3/24"), CidrBlock.parse("10.1.2.0/24"));
    }
}
