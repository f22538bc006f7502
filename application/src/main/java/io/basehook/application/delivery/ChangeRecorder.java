package io.basehook.application.delivery;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        recordNumbered(Map.of(baseId, events), Map.of(baseId, first));
    }

    /**
     * The events of several bases written in one transaction, every base locked: as {@link #record} base by base,
     * with each step done for all the bases at once (their seqs, their events, their deliveries).
     */
    public void recordAll(Map<BaseId, List<ChangeEvent>> eventsByBase) {
        Map<BaseId, List<ChangeEvent>> written = new LinkedHashMap<>();
        eventsByBase.forEach((baseId, events) -> {
            if (!events.isEmpty()) {
                written.put(baseId, events);
            }
        });
        if (written.size() <= 1) {
            written.forEach(this::record);
            return;
        }
        Map<BaseId, Integer> counts = new LinkedHashMap<>();
        written.forEach((baseId, events) -> counts.put(baseId, events.size()));
        recordNumbered(written, outbox.reserveSeqs(counts));
    }

    private void recordNumbered(Map<BaseId, List<ChangeEvent>> eventsByBase, Map<BaseId, Long> firstSeqs) {
        Map<BaseId, List<StoredEvent>> storedByBase = new LinkedHashMap<>();
        List<StoredEvent> all = new ArrayList<>();
        Instant now = eventsByBase.values().iterator().next().get(0).occurredAt();
        for (Map.Entry<BaseId, List<ChangeEvent>> entry : eventsByBase.entrySet()) {
            BaseId baseId = entry.getKey();
            long seq = firstSeqs.get(baseId);
            List<StoredEvent> stored = new ArrayList<>(entry.getValue().size());
            for (ChangeEvent event : entry.getValue()) {
                stored.add(new StoredEvent(baseId, seq, event.id(), event.type(), event.occurredAt(),
                        encoder.encode(event, seq)));
                seq++;
            }
            storedByBase.put(baseId, stored);
            all.addAll(stored);
        }
        outbox.append(all);
        // bound now to the webhooks enabled now, in the same transaction: committed together or not at all
        if (!handoff.active()) {
            int queued = 0;
            for (List<StoredEvent> stored : storedByBase.values()) {
                queued += enqueueForClaims(stored, now);
            }
            if (queued > 0) {
                transactions.afterCommit(wakeup::wake);
            }
            return;
        }
        List<DeliveryHandoff.Reservation> reservations = new ArrayList<>();
        List<Leased> leased = new ArrayList<>();
        boolean claimsLeft = false;
        for (Map.Entry<BaseId, List<StoredEvent>> entry : storedByBase.entrySet()) {
            List<Webhook> targets = webhooks.findByBase(entry.getKey()).stream().filter(Webhook::enabled).toList();
            if (targets.isEmpty()) {
                continue;
            }
            List<StoredEvent> stored = entry.getValue();
            long bytes = 0;
            for (StoredEvent event : stored) {
                bytes += event.payload().length();
            }
            DeliveryHandoff.Reservation reservation = handoff.reserve(targets, stored.size(), bytes, now);
            // before anything here can fail: a rolled-back write frees what it reserved
            transactions.afterRollback(reservation::rolledBack);
            reservations.add(reservation);
            claimsLeft |= !reservation.all();
            if (reservation.none()) {
                enqueueForClaims(stored, now);
            } else {
                List<DeliveryQueue.Target> leases = new ArrayList<>(targets.size());
                targets.forEach(webhook -> leases.add(new DeliveryQueue.Target(webhook.id(),
                        reservation.leasedUntil(webhook.id()))));
                leased.add(new Leased(new DeliveryQueue.Group(entry.getKey(), stored, leases), reservation));
            }
        }
        if (reservations.isEmpty()) {
            return;
        }
        fill(leased, now);
        boolean wake = claimsLeft;
        transactions.afterCommit(() -> {
            reservations.forEach(DeliveryHandoff.Reservation::committed);
            if (wake) {
                wakeup.wake();
            }
        });
    }

    private int enqueueForClaims(List<StoredEvent> stored, Instant now) {
        return deliveries.enqueue(stored.get(0).baseId(), stored.get(0).seq(), stored.get(stored.size() - 1).seq(), now);
    }

    /** One base's deliveries written leased to this instance, and the reservation they fill. */
    private record Leased(DeliveryQueue.Group group, DeliveryHandoff.Reservation reservation) {
    }

    /** One insert for the leased deliveries of every base; each reservation then takes its own ids. */
    private void fill(List<Leased> leased, Instant now) {
        if (leased.size() == 1) {
            DeliveryQueue.Group only = leased.get(0).group();
            leased.get(0).reservation().fill(only.events(),
                    deliveries.enqueue(only.baseId(), only.events(), only.targets(), now));
        } else if (leased.size() > 1) {
            List<DeliveryId> ids = deliveries.enqueue(leased.stream().map(Leased::group).toList(), now);
            int from = 0;
            for (Leased each : leased) {
                int to = from + each.group().events().size() * each.group().targets().size();
                each.reservation().fill(each.group().events(), ids.subList(from, to));
                from = to;
            }
        }
    }
}
