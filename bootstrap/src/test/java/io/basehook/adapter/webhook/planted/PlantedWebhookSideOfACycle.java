package io.basehook.adapter.webhook.planted;

import io.basehook.bootstrap.planted.PlantedBootstrapSideOfACycle;

/** A planted violation of NO_MODULE_CYCLES (test sources only): the adapter's half of a cycle with bootstrap. */
public class PlantedWebhookSideOfACycle {

    public PlantedBootstrapSideOfACycle wiredBy() {
        return new PlantedBootstrapSideOfACycle();
    }
}
