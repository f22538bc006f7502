package io.basehook.application.service;

import io.basehook.application.port.out.ChangeEventOutbox;
import io.basehook.application.port.out.EventPayloadEncoder;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.ChangeEvent;
import io.basehook.domain.row.StoredEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes content events to the outbox inside the caller's transaction: numbers them, renders each
 * payload once, appends them. Only content use cases are given one.
 */
public final class ChangeRecorder {

    private final ChangeEventOutbox outbox;
    private final EventPayloadEncoder encoder;

    public ChangeRecorder(ChangeEventOutbox outbox, EventPayloadEncoder encoder) {
        this.outbox = outbox;
        this.encoder = encoder;
    }

    /** Must run in the transaction of the change, with the base locked. */
    public void record(BaseId baseId, List<ChangeEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        long seq = outbox.reserveSeqs(baseId, events.size());
        List<StoredEvent> stored = new ArrayList<>(events.size());
        for (ChangeEvent event : events) {
            stored.add(new StoredEvent(baseId, seq, event.id(), event.type(), event.occurredAt(),
                    encoder.encode(event, seq)));
            seq++;
        }
        outbox.append(stored);
    }
}
