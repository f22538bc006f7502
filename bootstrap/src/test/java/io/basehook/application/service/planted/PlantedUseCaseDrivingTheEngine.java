package io.basehook.application.service.planted;

import io.basehook.application.delivery.DeliveryEngine;

/** A planted violation of THE_ENGINE_HAS_ITS_OWN_ROOM (test sources only): a use case holding the delivery engine. */
public class PlantedUseCaseDrivingTheEngine {

    private final DeliveryEngine engine;

    public PlantedUseCaseDrivingTheEngine(DeliveryEngine engine) {
        this.engine = engine;
    }

    public int deliveriesInFlight() {
        return engine.inFlight();
    }
}
