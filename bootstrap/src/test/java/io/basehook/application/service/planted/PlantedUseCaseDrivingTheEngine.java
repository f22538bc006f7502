package io.basehook.application.service.planted;

import io.basehook.application.delivery.DeliveryDispatcher;

/** A planted violation of THE_ENGINE_HAS_ITS_OWN_ROOM (test sources only): a use case holding the delivery engine. */
public class PlantedUseCaseDrivingTheEngine {

    private final DeliveryDispatcher engine;

    public PlantedUseCaseDrivingTheEngine(DeliveryDispatcher engine) {
        this.engine = engine;
    }

    public int deliveriesInFlight() {
        return engine.inFlight();
    }
}
