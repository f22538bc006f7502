package io.basehook.domain.webhook;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

/**
 * Which addresses a webhook may reach: the one classifier behind the check at save and the check at connect.
 * Internal ones are refused unless private addresses are allowed or the address lies in an allowed network:
 * loopback, private, link-local, multicast, unspecified, every IANA special-purpose block that is not globally
 * reachable, IPv6 outside global unicast, and IPv6 forms that carry an internal IPv4 address (classified by it).
 */
public final class AddressRules {

    // IANA IPv4 special-purpose blocks not globally reachable, plus multicast
    private static final List<Cidr> INTERNAL_V4 = cidrs(
            "0.0.0.0/8",        // "this network"; Linux connects 0.0.0.0 to the local host
            "10.0.0.0/8",       // RFC 1918
            "100.64.0.0/10",    // carrier-grade NAT, often a cloud's internal network
            "127.0.0.0/8",      // loopback
            "169.254.0.0/16",   // link-local, where cloud metadata services live
            "172.16.0.0/12",    // RFC 1918
            "192.0.0.0/24",     // IETF protocol assignments (NAT64 discovery, DS-Lite, dummy address)
            "192.0.2.0/24",     // documentation TEST-NET-1
            "192.168.0.0/16",   // RFC 1918
            "198.18.0.0/15",    // benchmarking, routed inside labs and some clouds
            "198.51.100.0/24",  // documentation TEST-NET-2
            "203.0.113.0/24",   // documentation TEST-NET-3
            "224.0.0.0/4",      // multicast
            "240.0.0.0/4");     // reserved, and 255.255.255.255 broadcast
    // the parts of those blocks that the registry marks globally reachable
    private static final List<Cidr> GLOBAL_V4 = cidrs("192.0.0.9/32", "192.0.0.10/32"); // PCP and TURN anycast
    // every globally reachable IPv6 unicast address lies here, apart from the NAT64 prefix handled below
    private static final Cidr GLOBAL_UNICAST_V6 = Cidr.parse("2000::/3");
    // IANA IPv6 special-purpose blocks inside 2000::/3 that are not globally reachable
    private static final List<Cidr> INTERNAL_V6 = cidrs(
            "2001::/23",        // IETF protocol assignments: Teredo 2001::/32, benchmarking, deprecated ORCHID
            "2001:db8::/32",    // documentation
            "3fff::/20");       // documentation
    private static final List<Cidr> GLOBAL_V6 = cidrs(
            "2001:1::1/128", "2001:1::2/128", "2001:1::3/128", // PCP, TURN and DNS-SD anycast
            "2001:3::/32",      // AMT
            "2001:4:112::/48",  // AS112-v6
            "2001:20::/28",     // ORCHIDv2
            "2001:30::/28");    // drone remote ID
    // IPv6 prefixes whose last 32 bits are the IPv4 address a packet ends up at
    private static final List<Cidr> CARRY_V4_AT_12 = cidrs(
            "::ffff:0:0/96",    // IPv4-mapped
            "::ffff:0:0:0/96",  // IPv4-translated (SIIT)
            "::/96",            // IPv4-compatible (deprecated); :: and ::1 carry 0.0.0.0 and 0.0.0.1
            "64:ff9b::/96");    // NAT64 well-known prefix; the local-use 64:ff9b:1::/48 lies outside 2000::/3
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16"); // IPv4 address in bits 16 to 47

    private final boolean allowPrivate;
    private final List<Cidr> allowedNetworks;

    public AddressRules(boolean allowPrivate, List<Cidr> allowedNetworks) {
        this.allowPrivate = allowPrivate;
        this.allowedNetworks = List.copyOf(allowedNetworks);
    }

    /** {@code 10.0.0.0/8, fd00::/8}: comma-separated; blank means none. */
    public static List<Cidr> parseNetworks(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::strip).filter(part -> !part.isEmpty())
                .map(Cidr::parse).toList();
    }

    /** Runs for each new connection: one copy of the address bytes, nothing else allocated. */
    public boolean permits(InetAddress address) {
        if (allowPrivate) {
            return true;
        }
        byte[] bytes = address.getAddress();
        return !isInternal(bytes) || isInAllowedNetwork(bytes);
    }

    /** Whether an address is one a webhook must not reach by default. */
    public static boolean isInternal(InetAddress address) {
        return isInternal(address.getAddress());
    }

    private static boolean isInternal(byte[] bytes) {
        if (bytes.length == 4) {
            return isInternalV4(bytes, 0);
        }
        int carried = carriedV4Offset(bytes);
        if (carried >= 0) {
            return isInternalV4(bytes, carried);
        }
        if (!GLOBAL_UNICAST_V6.contains(bytes)) {
            return true; // unique local, link-local, site-local, multicast, discard-only, SRv6, local-use NAT64 …
        }
        return matchesAny(INTERNAL_V6, bytes) && !matchesAny(GLOBAL_V6, bytes);
    }

    private static boolean isInternalV4(byte[] bytes, int offset) {
        return matchesAnyV4(INTERNAL_V4, bytes, offset) && !matchesAnyV4(GLOBAL_V4, bytes, offset);
    }

    /** Where an IPv6 address carries the IPv4 address its packets are delivered to, or -1. */
    private static int carriedV4Offset(byte[] v6) {
        if (SIX_TO_FOUR.contains(v6)) {
            return 2;
        }
        return matchesAny(CARRY_V4_AT_12, v6) ? 12 : -1;
    }

    private boolean isInAllowedNetwork(byte[] bytes) {
        if (matchesAny(allowedNetworks, bytes)) {
            return true;
        }
        int carried = bytes.length == 16 ? carriedV4Offset(bytes) : -1;
        return carried >= 0 && matchesAnyV4(allowedNetworks, bytes, carried);
    }

    private static boolean matchesAny(List<Cidr> networks, byte[] address) {
        for (Cidr network : networks) {
            if (network.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAnyV4(List<Cidr> networks, byte[] address, int offset) {
        if (offset == 0 && address.length == 4) {
            return matchesAny(networks, address);
        }
        for (Cidr network : networks) {
            if (network.containsV4At(address, offset)) {
                return true;
            }
        }
        return false;
    }

    private static List<Cidr> cidrs(String... texts) {
        return Arrays.stream(texts).map(Cidr::parse).toList();
    }
}
