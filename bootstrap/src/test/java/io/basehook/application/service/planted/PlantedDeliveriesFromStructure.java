package io.basehook.application.service.planted;

import io.basehook.application.port.out.DeliveryQueue;

import java.time.Instant;
import java.util.List;

/**
 * A planted violation (test sources only): a structure use case queueing deliveries through the several-bases
 * call. ArchitectureTest must catch it.
 */
public class PlantedDeliveriesFromStructure {

    private final DeliveryQueue deliveries;

    public PlantedDeliveriesFromStructure(DeliveryQueue deliveries) {
        this.deliveries = deliveries;
    }

    public void renameTable(List<DeliveryQueue.Group> sneaky, Instant now) {
        deliveries.enqueue(sneaky, now);
    }
}
