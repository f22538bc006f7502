package io.basehook.adapter.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressRulesTest {

    private final AddressRules strict = new AddressRules(false, List.of());

    // first and last address of every refused range
    @ParameterizedTest
    @ValueSource(strings = {
            "0.0.0.0", "0.255.255.255",
            "10.0.0.0", "10.1.2.3", "10.255.255.255",
            "100.64.0.0", "100.127.255.255",
            "127.0.0.1", "127.255.255.255",
            "169.254.0.0", "169.254.169.254", "169.254.255.255",
            "172.16.0.0", "172.31.255.255",
            "192.168.0.0", "192.168.255.255",
            "224.0.0.0", "239.255.255.255",
            "240.0.0.0", "255.255.255.255",
            "::", "::1",
            "fc00::", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            "fe80::", "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            "fec0::1", "feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::2",
            "ff00::", "ff02::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::ffff:0.0.0.0"})
    void refusesInternalAddresses(String address) throws Exception {
        InetAddress inet = InetAddress.getByName(address);
        assertTrue(AddressRules.isInternal(inet), address);
        assertFalse(strict.permits(inet), address);
    }

    // the neighbours just outside each range
    @ParameterizedTest
    @ValueSource(strings = {
            "1.0.0.0", "8.8.8.8", "9.255.255.255", "11.0.0.0",
            "100.63.255.255", "100.128.0.0",
            "126.255.255.255", "128.0.0.0",
            "169.253.255.255", "169.255.0.0",
            "172.15.255.255", "172.32.0.0",
            "192.167.255.255", "192.169.0.0",
            "223.255.255.255",
            "2a00:1450::1", "2606:4700:4700::1111", "fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fe00::",
            "fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::ffff:8.8.8.8", "64:ff9b::808:808", "::8.8.8.8"})
    void permitsPublicAddresses(String address) throws Exception {
        InetAddress inet = InetAddress.getByName(address);
        assertFalse(AddressRules.isInternal(inet), address);
        assertTrue(strict.permits(inet), address);
    }

    @Test
    void refusesIpv6FormsThatCarryAnInternalIpv4Address() throws Exception {
        // built as Inet6Address on purpose: InetAddress.getByName would turn a mapped address into IPv4
        assertTrue(AddressRules.isInternal(v6("::ffff:127.0.0.1")), "IPv4-mapped loopback");
        assertTrue(AddressRules.isInternal(v6("::ffff:192.168.1.1")), "IPv4-mapped private");
        assertTrue(AddressRules.isInternal(v6("::ffff:100.64.0.1")), "IPv4-mapped CGNAT");
        assertTrue(AddressRules.isInternal(v6("::127.0.0.1")), "IPv4-compatible loopback");
        assertTrue(AddressRules.isInternal(v6("::10.0.0.1")), "IPv4-compatible private");
        assertTrue(AddressRules.isInternal(v6("64:ff9b::a9fe:a9fe")), "NAT64 of 169.254.169.254");
        assertFalse(AddressRules.isInternal(v6("::ffff:8.8.8.8")), "IPv4-mapped public");
    }

    @Test
    void theSwitchPermitsEverything() throws Exception {
        AddressRules open = new AddressRules(true, List.of());
        for (String address : List.of("127.0.0.1", "10.1.2.3", "::1", "169.254.169.254", "fd00::1")) {
            assertTrue(open.permits(InetAddress.getByName(address)), address);
        }
    }

    @Test
    void anAllowedNetworkPermitsOnlyItself() throws Exception {
        AddressRules rules = new AddressRules(false, AddressRules.parseNetworks(" 10.20.0.0/16 , fd12:3456::/32,127.0.0.1"));

        assertTrue(rules.permits(InetAddress.getByName("10.20.255.1")));
        assertTrue(rules.permits(v6("::ffff:10.20.0.7")), "the mapped form of an allowed IPv4 address");
        assertTrue(rules.permits(InetAddress.getByName("fd12:3456::9")));
        assertTrue(rules.permits(InetAddress.getByName("127.0.0.1")));
        assertFalse(rules.permits(InetAddress.getByName("10.21.0.1")));
        assertFalse(rules.permits(InetAddress.getByName("fd12:3457::9")));
        assertFalse(rules.permits(InetAddress.getByName("127.0.0.2")));
    }

    @Test
    void parsesNetworks() {
        assertEquals(List.of(), AddressRules.parseNetworks(""));
        assertEquals(List.of(), AddressRules.parseNetworks(null));
        assertEquals("10.0.0.0/8", Cidr.parse("10.0.0.0/8").toString());
        assertEquals("0:0:0:0:0:ffff:0:0/96", Cidr.parse("::ffff:0:0/96").toString());
        assertEquals("0:0:0:0:0:0:0:1/128", Cidr.parse("[::1]").toString());
        assertTrue(Cidr.parse("172.16.0.0/12").contains(new byte[] {(byte) 172, 31, (byte) 255, (byte) 255}));
        assertFalse(Cidr.parse("172.16.0.0/12").contains(new byte[] {(byte) 172, 32, 0, 0}));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(new byte[] {8, 8, 8, 8}));
        assertFalse(Cidr.parse("0.0.0.0/0").contains(new byte[16]), "an IPv4 network never holds an IPv6 address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com/8", "localhost", "10.0.0.0/33", "::/129", "10.0.0.0/-1", "10.0.0/8", "10.0.0.0/x", "zz::/8"})
    void refusesWhatIsNotALiteralNetwork(String text) {
        assertThrows(IllegalArgumentException.class, () -> AddressRules.parseNetworks(text));
    }

    private static Inet6Address v6(String text) throws Exception {
        byte[] bytes = InetAddress.getByName(text).getAddress();
        if (bytes.length == 4) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            bytes = mapped;
        }
        return Inet6Address.getByAddress(null, bytes, -1);
    }
}
