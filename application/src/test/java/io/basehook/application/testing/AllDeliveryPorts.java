package io.basehook.application.testing;

import io.basehook.application.port.out.DeliveryBacklogQuery;
import io.basehook.application.port.out.DeliveryClaims;
import io.basehook.application.port.out.DeliveryOutcomes;
import io.basehook.application.port.out.DeliveryParking;
import io.basehook.application.port.out.DeliveryQueue;

/** Every role of the stored deliveries in one type, so that one mock stands for all of them, as one table does. */
public interface AllDeliveryPorts extends DeliveryQueue, DeliveryClaims, DeliveryOutcomes, DeliveryParking,
        DeliveryBacklogQuery {
}
