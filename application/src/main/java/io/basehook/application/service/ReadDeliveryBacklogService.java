package io.basehook.application.service;

import io.basehook.application.port.in.ReadDeliveryBacklogUseCase;
import io.basehook.application.port.out.DeliveryQueue;

public final class ReadDeliveryBacklogService implements ReadDeliveryBacklogUseCase {

    private final DeliveryQueue queue;

    public ReadDeliveryBacklogService(DeliveryQueue queue) {
        this.queue = queue;
    }

    @Override
    public DeliveryQueue.Backlog readDeliveryBacklog() {
        return queue.backlog();
    }
}
