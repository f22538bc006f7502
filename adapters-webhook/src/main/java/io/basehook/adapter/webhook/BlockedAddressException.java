package io.basehook.adapter.webhook;

import java.net.InetSocketAddress;
import java.net.SocketException;

/** A connect refused by Basehook itself (SPEC §6) before any packet left: the address is internal. */
public final class BlockedAddressException extends SocketException {

    public BlockedAddressException(InetSocketAddress address) {
        super("blocked address " + describe(address) + ": internal addresses are not allowed for webhooks");
    }

    private static String describe(InetSocketAddress address) {
        return address.isUnresolved() ? address.getHostString() + " (unresolved)"
                : address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
