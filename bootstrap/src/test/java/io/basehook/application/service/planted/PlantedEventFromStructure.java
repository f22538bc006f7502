package io.basehook.application.service.planted;

import io.basehook.application.port.out.ChangeEventOutbox;
import io.basehook.domain.row.StoredEvent;

import java.util.List;

/** A planted violation (test sources only): a structure use case appending an event. ArchitectureTest must catch it. */
public class PlantedEventFromStructure {

    private final ChangeEventOutbox outbox;

    public PlantedEventFromStructure(ChangeEventOutbox outbox) {
        this.outbox = outbox;
    }

    public void renameColumn(List<StoredEvent> sneaky) {
        outbox.append(sneaky);
    }
}
