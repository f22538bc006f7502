package io.basehook.domain.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
            "fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fe00::", "fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
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
            "2a00:1450::1", "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808", "::8.8.8.8"})
    void permitsPublicAddresses(String address) throws Exception {
        InetAddress inet = InetAddress.getByName(address);
        assertFalse(AddressRules.isInternal(inet), address);
        assertTrue(strict.permits(inet), address);
    }

    /**
     * The one classifier, used at save and at connect: every form issue 22 found accepted, the IANA special-purpose
     * ranges that are not globally reachable, IPv4 carried inside IPv6 by each standard mapping, and public
     * neighbours that must still pass. IPv6 rows are built as Inet6Address even when the JDK would unwrap them.
     */
    @ParameterizedTest(name = "{0} internal={1} ({2})")
    @CsvSource(delimiter = '|', textBlock = """
            198.18.0.0                   | true  | benchmarking 198.18/15, seen accepted
            198.19.255.255               | true  | benchmarking, last
            198.17.255.255               | false | below benchmarking
            198.20.0.0                   | false | above benchmarking
            192.0.0.0                    | true  | IETF protocol assignments 192.0.0/24, seen accepted
            192.0.0.8                    | true  | IPv4 dummy address
            192.0.0.170                  | true  | NAT64 discovery
            192.0.0.255                  | true  | IETF protocol assignments, last
            192.0.0.9                    | false | PCP anycast, globally reachable per the registry
            192.0.0.10                   | false | TURN anycast, globally reachable per the registry
            192.0.1.0                    | false | above 192.0.0/24
            192.0.2.1                    | true  | TEST-NET-1
            198.51.100.1                 | true  | TEST-NET-2
            203.0.113.1                  | true  | TEST-NET-3
            203.0.114.0                  | false | above TEST-NET-3
            255.255.255.255              | true  | limited broadcast
            100.64.0.1                   | true  | CGNAT
            8.8.8.8                      | false | public
            ::                           | true  | unspecified
            ::1                          | true  | loopback
            100::1                       | true  | discard-only 100::/64
            100:0:0:1::1                 | true  | dummy prefix 100:0:0:1::/64
            2001:db8::1                  | true  | documentation 2001:db8::/32
            3fff::1                      | true  | documentation 3fff::/20
            3fff:fff:ffff::1             | true  | documentation 3fff::/20, last
            3fff:1000::1                 | false | above 3fff::/20
            5f00::1                      | true  | SRv6 SIDs 5f00::/16
            2001::1                      | true  | Teredo 2001::/32, seen accepted
            2001:0:4136:e378:8000:63bf:3fff:fdd2 | true | Teredo with a public server and client
            2001:2::1                    | true  | benchmarking 2001:2::/48
            2001:10::1                   | true  | deprecated ORCHID 2001:10::/28
            2001:1::1                    | false | PCP anycast, globally reachable per the registry
            2001:1::4                    | true  | IETF protocol assignments 2001::/23
            2001:3::1                    | false | AMT, globally reachable per the registry
            2001:4:112::1                | false | AS112-v6, globally reachable per the registry
            2001:20::1                   | false | ORCHIDv2, globally reachable per the registry
            2001:30::1                   | false | Drone Remote ID, globally reachable per the registry
            2001:200::1                  | false | just above 2001::/23
            2606:4700::1111              | false | public
            2a00:1450::1                 | false | public
            fc00::1                      | true  | unique local
            fe80::1                      | true  | link-local
            ff02::1                      | true  | multicast
            4000::1                      | true  | not global unicast (outside 2000::/3)
            ::ffff:127.0.0.1             | true  | IPv4-mapped loopback
            ::ffff:169.254.169.254       | true  | IPv4-mapped metadata
            ::ffff:8.8.8.8               | false | IPv4-mapped public
            ::ffff:0:7f00:1              | true  | IPv4-translated loopback, seen accepted
            ::ffff:0:a9fe:a9fe           | true  | IPv4-translated metadata
            ::ffff:0:808:808             | false | IPv4-translated public
            ::127.0.0.1                  | true  | IPv4-compatible loopback
            ::8.8.8.8                    | false | IPv4-compatible public
            64:ff9b::7f00:1              | true  | NAT64 well-known of loopback
            64:ff9b::c612:1              | true  | NAT64 well-known of benchmarking
            64:ff9b::808:808             | false | NAT64 well-known of public
            64:ff9b:1::7f00:1            | true  | local-use NAT64 64:ff9b:1::/48, seen accepted
            64:ff9b:1::808:808           | true  | local-use NAT64 whatever it carries
            2002:7f00:1::                | true  | 6to4 of 127.0.0.1, seen accepted
            2002:a9fe:a9fe::             | true  | 6to4 of 169.254.169.254, seen accepted
            2002:a00:1::1                | true  | 6to4 of 10.0.0.1
            2002:c000:201::              | true  | 6to4 of TEST-NET-1
            2002:808:808::1              | false | 6to4 of 8.8.8.8
            """)
    void classifiesEveryFormOnce(String address, boolean internal, String why) throws Exception {
        InetAddress inet = address.contains(":") ? v6(address) : InetAddress.getByName(address);
        assertEquals(internal, AddressRules.isInternal(inet), address + ": " + why);
        assertEquals(!internal, strict.permits(inet), address + ": " + why);
        assertTrue(new AddressRules(true, List.of()).permits(inet), "the switch permits " + address);
    }

    @Test
    void anAllowedNetworkAlsoPermitsTheIpv4ItCarries() throws Exception {
        AddressRules rules = new AddressRules(false, AddressRules.parseNetworks("10.20.0.0/16"));

        assertTrue(rules.permits(v6("2002:a14:7::")), "6to4 of 10.20.0.7");
        assertTrue(rules.permits(v6("::ffff:0:a14:7")), "IPv4-translated 10.20.0.7");
        assertFalse(rules.permits(v6("2002:a15:7::")), "6to4 of 10.21.0.7");
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
