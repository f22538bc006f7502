package io.basehook.application.port.in.planted;

import io.basehook.application.port.out.DeliveryBacklogQuery;

/** A planted violation (test sources only): a use case that answers an out-port's type. ArchitectureTest must catch it. */
public interface PlantedUseCaseAnsweringAnOutPortType {

    DeliveryBacklogQuery.Backlog readBacklog();
}
