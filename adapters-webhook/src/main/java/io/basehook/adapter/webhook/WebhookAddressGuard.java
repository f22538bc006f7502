package io.basehook.adapter.webhook;

import io.basehook.application.port.out.WebhookTargetPolicy;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.webhook.WebhookUrl;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * SPEC §6 (SSRF), both halves: {@link #requireAllowed} when a webhook is saved, and {@link #permits} for the
 * address each attempt actually connects to ({@link WebhookConnectionCustomizer}), so DNS rebinding gains nothing.
 */
@Singleton
public class WebhookAddressGuard implements WebhookTargetPolicy {

    private final AddressRules rules;

    public WebhookAddressGuard(
            @Value("${basehook.webhooks.allow-private-addresses:false}") boolean allowPrivateAddresses,
            @Value("${basehook.webhooks.allowed-networks:}") String allowedNetworks) {
        this(new AddressRules(allowPrivateAddresses, parse(allowedNetworks)));
    }

    WebhookAddressGuard(AddressRules rules) {
        this.rules = rules;
    }

    /** Resolves the host here: this runs when a webhook is saved, on a thread that may block. */
    @Override
    public void requireAllowed(WebhookUrl url) {
        String host = url.host();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw BasehookException.invalid("unknown_host", "url", "the host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!rules.permits(address)) {
                throw BasehookException.invalid("blocked_address", "url", "the host " + host + " resolves to "
                        + address.getHostAddress() + ", an internal address that webhooks may not reach");
            }
        }
    }

    /** Whether an attempt may connect to this resolved address. */
    public boolean permits(InetAddress address) {
        return rules.permits(address);
    }

    private static List<Cidr> parse(String allowedNetworks) {
        try {
            return AddressRules.parseNetworks(allowedNetworks);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("basehook.webhooks.allowed-networks: " + e.getMessage(), e);
        }
    }
}
