package io.basehook.application.port.out.planted;

import io.basehook.application.service.Limits;

/** A planted violation of PORTS_NEVER_SEE_SERVICES (test sources only): a port that depends on a service class. */
public interface PlantedPortUsingAService {

    Limits limits();
}
