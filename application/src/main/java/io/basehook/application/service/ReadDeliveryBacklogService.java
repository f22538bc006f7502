package io.basehook.application.service;

import io.basehook.application.port.in.DeliveryBacklog;
import io.basehook.application.port.in.ReadDeliveryBacklogUseCase;
import io.basehook.application.port.out.DeliveryBacklogQuery;

public final class ReadDeliveryBacklogService implements ReadDeliveryBacklogUseCase {

    private final DeliveryBacklogQuery queue;

    public ReadDeliveryBacklogService(DeliveryBacklogQuery queue) {
        this.queue = queue;
    }

    @Override
    public DeliveryBacklog readDeliveryBacklog() {
        DeliveryBacklogQuery.Backlog backlog = queue.backlog();
        return new DeliveryBacklog(backlog.open(), backlog.oldestCreatedAt(), backlog.earliestDueAt());
    }
}
