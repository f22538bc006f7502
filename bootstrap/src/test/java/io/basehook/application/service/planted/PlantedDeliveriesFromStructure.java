package io.basehook.application.service.planted;

import io.basehook.application.port.out.DeliveryQueue;

import java.time.Instant;
import java.util.List;

/** A planted violation of ONLY_CONTENT_USE_CASES_RECORD_CHANGES (test sources only): a rename queueing deliveries. */
public class PlantedDeliveriesFromStructure {

    private final DeliveryQueue deliveries;

    public PlantedDeliveriesFromStructure(DeliveryQueue deliveries) {
        this.deliveries = deliveries;
    }

    public void renameTable(List<DeliveryQueue.Group> sneaky, Instant now) {
        deliveries.enqueue(sneaky, now);
    }
}
