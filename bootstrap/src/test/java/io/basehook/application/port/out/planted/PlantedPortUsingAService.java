package io.basehook.application.port.out.planted;

import io.basehook.application.service.Limits;

/** A planted violation (test sources only): a port that depends on a service class. ArchitectureTest must catch it. */
public interface PlantedPortUsingAService {

    Limits limits();
}
