package io.basehook.application.service;

import io.basehook.application.port.out.ChangeEventOutbox;
import io.basehook.application.port.out.DeliveryQueue;
import io.basehook.application.port.out.DeliveryWakeup;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.application.port.out.EventPayloadEncoder;
import io.basehook.application.port.out.WebhookRepository;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.row.ChangeEvent;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.webhook.Webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes content events to the outbox inside the caller's transaction: numbers them, renders each
 * payload once, appends them, and queues one delivery per event and enabled webhook; once the transaction
 * commits it wakes the delivery loop. Only content use cases are given one.
 * <p>
 * With a {@link DeliveryHandoff}, the webhooks whose lanes on this instance are ready take their deliveries
 * directly: written leased to this instance, started as soon as the transaction commits, never claimed.
 */
public final class ChangeRecorder {

    private final ChangeEventOutbox outbox;
    private final EventPayloadEncoder encoder;
    private final DeliveryQueue deliveries;
    private final TransactionRunner transactions;
    private final DeliveryWakeup wakeup;
    private final WebhookRepository webhooks;
    private final DeliveryHandoff handoff;

    /** Without hand-off: every delivery waits for a claim. */
    public ChangeRecorder(ChangeEventOutbox outbox, EventPayloadEncoder encoder, DeliveryQueue deliveries,
                          TransactionRunner transactions, DeliveryWakeup wakeup) {
        this(outbox, encoder, deliveries, transactions, wakeup, null, DeliveryHandoff.NONE);
    }

    public ChangeRecorder(ChangeEventOutbox outbox, EventPayloadEncoder encoder, DeliveryQueue deliveries,
                          TransactionRunner transactions, DeliveryWakeup wakeup, WebhookRepository webhooks,
                          DeliveryHandoff handoff) {
        this.outbox = outbox;
        this.encoder = encoder;
        this.deliveries = deliveries;
        this.transactions = transactions;
        this.wakeup = wakeup;
        this.webhooks = webhooks;
        this.handoff = handoff;
        if (handoff.active() && webhooks == null) {
            throw new IllegalArgumentException("a hand-off needs the webhooks it hands to");
        }
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
        Instant now = events.get(0).occurredAt();
        // bound now to the webhooks enabled now, in the same transaction: committed together or not at all
        if (!handoff.active()) {
            if (deliveries.enqueue(baseId, first, seq - 1, now) > 0) {
                transactions.afterCommit(wakeup::wake);
            }
            return;
        }
        List<Webhook> targets = webhooks.findByBase(baseId).stream().filter(Webhook::enabled).toList();
        if (targets.isEmpty()) {
            return;
        }
        DeliveryHandoff.Reservation reservation = handoff.reserve(targets, stored.size(), now);
        // before anything here can fail: a rolled-back write frees what it reserved
        transactions.afterRollback(reservation::rolledBack);
        if (reservation.none()) {
            deliveries.enqueue(baseId, first, seq - 1, now);
        } else {
            List<DeliveryQueue.Target> leases = new ArrayList<>(targets.size());
            targets.forEach(webhook -> leases.add(new DeliveryQueue.Target(webhook.id(),
                    reservation.leasedUntil(webhook.id()))));
            List<DeliveryId> ids = deliveries.enqueue(baseId, stored, leases, now);
            reservation.fill(stored, ids);
        }
        boolean claimsLeft = !reservation.all();
        transactions.afterCommit(() -> {
            reservation.committed();
            if (claimsLeft) {
                wakeup.wake();
            }
        });
    }
}
