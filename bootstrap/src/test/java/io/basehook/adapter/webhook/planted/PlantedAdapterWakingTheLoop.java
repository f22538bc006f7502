package io.basehook.adapter.webhook.planted;

import io.basehook.bootstrap.DeliveryLoop;

/** A planted violation of LAYERS (test sources only): an adapter waking bootstrap's delivery loop, not its port. */
public class PlantedAdapterWakingTheLoop {

    private final DeliveryLoop loop;

    public PlantedAdapterWakingTheLoop(DeliveryLoop loop) {
        this.loop = loop;
    }

    public void answered() {
        loop.wake();
    }
}
