package io.basehook.domain.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** A network in CIDR notation ({@code 10.0.0.0/8}, {@code fc00::/7}); a bare address is a /32 or /128. */
public record Cidr(byte[] network, int prefixLength) {

    public Cidr {
        network = network.clone();
        if (network.length != 4 && network.length != 16) {
            throw new IllegalArgumentException("a network is 4 or 16 bytes");
        }
        if (prefixLength < 0 || prefixLength > network.length * 8) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range");
        }
    }

    /** Accepts only literal addresses: a CIDR must never trigger a DNS lookup. */
    public static Cidr parse(String text) {
        String value = text.strip();
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        if (!address.contains(":") && !address.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new IllegalArgumentException("not a network in CIDR notation: '" + text + "'");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException | SecurityException e) {
            throw new IllegalArgumentException("not a network in CIDR notation: '" + text + "'", e);
        }
        if (address.contains(":") && bytes.length == 4) {
            bytes = mapped(bytes); // Java turns ::ffff:a.b.c.d into an IPv4 address; keep the IPv6 form written
        }
        int prefix;
        try {
            prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(value.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a network in CIDR notation: '" + text + "'", e);
        }
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("prefix length out of range in '" + text + "'");
        }
        return new Cidr(bytes, prefix);
    }

    private static byte[] mapped(byte[] v4) {
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        return v6;
    }

    /** Compares raw bytes, so an IPv4 network never matches an IPv6 address (callers unwrap mapped forms). */
    public boolean contains(byte[] address) {
        return address.length == network.length && contains(address, 0);
    }

    /** Whether the IPv4 address at {@code offset} of an IPv6 address lies in this IPv4 network, without a copy. */
    public boolean containsV4At(byte[] address, int offset) {
        return network.length == 4 && offset + 4 <= address.length && contains(address, offset);
    }

    private boolean contains(byte[] address, int offset) {
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (address[offset + i] != network[i]) {
                return false;
            }
        }
        int restBits = prefixLength % 8;
        if (restBits == 0) {
            return true;
        }
        int mask = (0xff << (8 - restBits)) & 0xff;
        return (address[offset + fullBytes] & mask) == (network[fullBytes] & mask);
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr cidr && prefixLength == cidr.prefixLength && Arrays.equals(network, cidr.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        try {
            InetAddress address = network.length == 4 ? InetAddress.getByAddress(network)
                    : Inet6Address.getByAddress(null, network, -1); // stays IPv6 even when IPv4-mapped
            return address.getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }
}
