package io.basehook.application.port.in.planted;

import io.basehook.application.port.out.DeliveryQueue;

/** A planted violation (test sources only): a use case that answers an out-port's type. ArchitectureTest must catch it. */
public interface PlantedUseCaseAnsweringAnOutPortType {

    DeliveryQueue.Backlog readBacklog();
}
