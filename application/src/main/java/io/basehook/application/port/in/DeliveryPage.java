package io.basehook.application.port.in;

import io.basehook.domain.delivery.Delivery;

import java.util.List;

/** A page of deliveries and the opaque cursor of the next one (null on the last page). */
public record DeliveryPage(List<Delivery> deliveries, String nextCursor) {
    public DeliveryPage {
        deliveries = List.copyOf(deliveries);
    }
}
