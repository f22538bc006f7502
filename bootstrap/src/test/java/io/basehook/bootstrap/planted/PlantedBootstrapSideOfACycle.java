package io.basehook.bootstrap.planted;

import io.basehook.adapter.webhook.planted.PlantedWebhookSideOfACycle;

/** A planted violation of NO_MODULE_CYCLES (test sources only): bootstrap's half of a cycle with an adapter. */
public class PlantedBootstrapSideOfACycle {

    public PlantedWebhookSideOfACycle sender() {
        return new PlantedWebhookSideOfACycle();
    }
}
