package io.basehook.application.port.in;

/** How many deliveries wait, and since when the oldest has been waiting (for /prometheus). */
public interface ReadDeliveryBacklogUseCase {

    DeliveryBacklog readDeliveryBacklog();
}
