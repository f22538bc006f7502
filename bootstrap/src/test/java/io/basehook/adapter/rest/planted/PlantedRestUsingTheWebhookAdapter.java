package io.basehook.adapter.rest.planted;

import io.basehook.adapter.webhook.BlockedAddressException;

/** A planted violation of ADAPTERS_ARE_INDEPENDENT (test sources only): the REST adapter reading the webhook's. */
public class PlantedRestUsingTheWebhookAdapter {

    public boolean blocked(Throwable failure) {
        return failure instanceof BlockedAddressException;
    }
}
