package io.basehook.adapter.webhook;

import io.basehook.domain.webhook.AddressRules;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code basehook.webhooks.*}: which addresses webhooks may target beyond the public internet.
 *
 * @param allowPrivateAddresses loopback and private addresses too (local demos and tests only)
 * @param allowedNetworks       CIDRs, comma-separated, that webhooks may target anyway
 */
@Context
@ConfigurationProperties("basehook.webhooks")
public record WebhookAddressConfiguration(
        @Bindable(defaultValue = "false") boolean allowPrivateAddresses,
        @Nullable String allowedNetworks) {

    public WebhookAddressConfiguration {
        try {
            AddressRules.parseNetworks(allowedNetworks);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("basehook.webhooks.allowed-networks = " + allowedNetworks + ": "
                    + e.getMessage(), e);
        }
    }
}
