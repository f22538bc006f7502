package io.basehook.adapter.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

/**
 * SPEC §6: which addresses a webhook may reach. Internal ones (loopback, private, link-local, multicast,
 * unspecified, CGNAT, and IPv6 forms that embed such an IPv4 address) are refused unless private addresses are
 * allowed or the address lies in an allowed network.
 */
public final class AddressRules {

    private static final List<Cidr> INTERNAL_V4 = cidrs(
            "0.0.0.0/8",        // "this network"; Linux connects 0.0.0.0 to the local host
            "10.0.0.0/8",       // RFC 1918
            "100.64.0.0/10",    // carrier-grade NAT, often a cloud's internal network
            "127.0.0.0/8",      // loopback
            "169.254.0.0/16",   // link-local, where cloud metadata services live
            "172.16.0.0/12",    // RFC 1918
            "192.168.0.0/16",   // RFC 1918
            "224.0.0.0/4",      // multicast
            "240.0.0.0/4");     // reserved and the broadcast address
    private static final List<Cidr> INTERNAL_V6 = cidrs(
            "::/128",           // unspecified
            "::1/128",          // loopback
            "fc00::/7",         // unique local
            "fe80::/10",        // link-local
            "fec0::/10",        // deprecated site-local, still routed privately
            "ff00::/8");        // multicast
    // IPv6 prefixes whose last 32 bits are an IPv4 address that the packet ends up at
    private static final List<Cidr> EMBEDDING_V4 = cidrs(
            "::ffff:0:0/96",    // IPv4-mapped
            "::/96",            // IPv4-compatible (deprecated)
            "64:ff9b::/96");    // NAT64

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

    public boolean permits(InetAddress address) {
        return allowPrivate || !isInternal(address) || isInAllowedNetwork(address);
    }

    /** Whether an address is one a webhook must not reach by default. */
    public static boolean isInternal(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return matchesAny(INTERNAL_V4, bytes);
        }
        if (matchesAny(INTERNAL_V6, bytes)) {
            return true;
        }
        byte[] embedded = embeddedV4(bytes);
        return embedded != null && matchesAny(INTERNAL_V4, embedded);
    }

    private boolean isInAllowedNetwork(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (matchesAny(allowedNetworks, bytes)) {
            return true;
        }
        byte[] embedded = address instanceof Inet6Address ? embeddedV4(bytes) : null;
        return embedded != null && matchesAny(allowedNetworks, embedded);
    }

    private static byte[] embeddedV4(byte[] v6) {
        return matchesAny(EMBEDDING_V4, v6) ? Arrays.copyOfRange(v6, 12, 16) : null;
    }

    private static boolean matchesAny(List<Cidr> networks, byte[] address) {
        for (Cidr network : networks) {
            if (network.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static List<Cidr> cidrs(String... texts) {
        return Arrays.stream(texts).map(Cidr::parse).toList();
    }
}
