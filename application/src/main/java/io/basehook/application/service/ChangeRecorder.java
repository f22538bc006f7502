package io.basehook.application.service;

import io.basehook.application.port.out.ChangeEventOutbox;
import io.basehook.application.port.out.DeliveryQueue;
import io.basehook.application.port.out.DeliveryWakeup;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.application.port.out.EventPayloadEncoder;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.ChangeEvent;
import io.basehook.domain.row.StoredEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes content events to the outbox inside the caller's transaction: numbers them, renders each
 * payload once, appends them, and queues one delivery per event and enabled webhook; once the transaction
 * commits it wakes the delivery loop. Only content use cases are given one.
 */
public final class ChangeRecorder {

    private final ChangeEventOutbox outbox;
    private final EventPayloadEncoder encoder;
    private final DeliveryQueue deliveries;
    private final TransactionRunner transactions;
    private final DeliveryWakeup wakeup;

    public ChangeRecorder(ChangeEventOutbox outbox, EventPayloadEncoder encoder, DeliveryQueue deliveries,
                          TransactionRunner transactions, DeliveryWakeup wakeup) {
        this.outbox = outbox;
        this.encoder = encoder;
        this.deliveries = deliveries;
        this.transactions = transactions;
        this.wakeup = wakeup;
    }

    /** Must run in the transaction of the change, with the base locked. */
    public void record(BaseId baseId, List<ChangeEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        long first = outbox.reserveSeqs(baseId, events.size());
        long seq = first;
        List<StoredEvent> stored = new ArrayList<>(events.size());
        for (ChangeEvent event : events) {
            stored.add(new StoredEvent(baseId, seq, event.id(), event.type(), event.occurredAt(),
                    encoder.encode(event, seq)));
            seq++;
        }
        outbox.append(stored);
        // bound now to the webhooks enabled now, in the same transaction: committed together or not at all
        if (deliveries.enqueue(baseId, first, seq - 1, events.get(0).occurredAt()) > 0) {
            transactions.afterCommit(wakeup::wake);
        }
    }
}
