package io.basehook.application.port.in.planted;

import io.basehook.application.port.out.DeliveryBacklogQuery;

/** A planted violation of PORTS_IN_AND_OUT_ARE_APART (test sources only): a use case answering an out-port type. */
public interface PlantedUseCaseAnsweringAnOutPortType {

    DeliveryBacklogQuery.Backlog readBacklog();
}
