package io.basehook.application.service.planted;

import io.basehook.adapter.webhook.BlockedAddressException;

/** A planted violation (test sources only): the application reaching into an adapter. ArchitectureTest must catch it. */
public class PlantedAdapterInTheApplication {

    public Class<?> adapterType() {
        return BlockedAddressException.class;
    }
}
