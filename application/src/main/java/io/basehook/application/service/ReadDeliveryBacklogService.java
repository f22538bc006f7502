package io.basehook.application.service;

import io.basehook.application.port.in.DeliveryBacklog;
import io.basehook.application.port.in.ReadDeliveryBacklogUseCase;
import io.basehook.application.port.out.DeliveryQueue;

public final class ReadDeliveryBacklogService implements ReadDeliveryBacklogUseCase {

    private final DeliveryQueue queue;

    public ReadDeliveryBacklogService(DeliveryQueue queue) {
        this.queue = queue;
    }

    @Override
    public DeliveryBacklog readDeliveryBacklog() {
        DeliveryQueue.Backlog backlog = queue.backlog();
        return new DeliveryBacklog(backlog.open(), backlog.oldestCreatedAt(), backlog.earliestDueAt());
    }
}
