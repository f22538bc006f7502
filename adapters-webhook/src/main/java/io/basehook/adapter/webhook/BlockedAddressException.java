package io.basehook.adapter.webhook;

import java.net.InetSocketAddress;
import java.net.SocketException;

/**
 * A connect refused by Basehook itself before any packet left: the address is internal. The message does not
 * name the address, which the attempt log would otherwise show for a name the caller may not look into.
 */
public final class BlockedAddressException extends SocketException {

    public BlockedAddressException(InetSocketAddress address) {
        super(address.isUnresolved()
                ? "the host was not resolved by the webhook client; refused"
                : "the host leads to an internal address, which webhooks may not reach");
    }
}
