package io.basehook.application.port.in;

import io.basehook.application.port.out.DeliveryQueue;

/** How many deliveries wait, and since when the oldest has been waiting (for /prometheus). */
public interface ReadDeliveryBacklogUseCase {

    DeliveryQueue.Backlog readDeliveryBacklog();
}
