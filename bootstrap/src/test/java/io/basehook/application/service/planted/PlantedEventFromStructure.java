package io.basehook.application.service.planted;

import io.basehook.application.port.out.ChangeEventOutbox;
import io.basehook.domain.row.StoredEvent;

import java.util.List;

/** A planted violation of ONLY_CONTENT_USE_CASES_RECORD_CHANGES (test sources only): a rename appending events. */
public class PlantedEventFromStructure {

    private final ChangeEventOutbox outbox;

    public PlantedEventFromStructure(ChangeEventOutbox outbox) {
        this.outbox = outbox;
    }

    public void renameColumn(List<StoredEvent> sneaky) {
        outbox.append(sneaky);
    }
}
