package io.basehook.application.port.out;

import io.basehook.domain.base.BaseId;
import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.webhook.WebhookId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where a content write queues its deliveries: one per (event, webhook), written in the transaction of the change,
 * so they are committed with it or not at all. The other roles of the same deliveries are {@link DeliveryClaims},
 * {@link DeliveryOutcomes}, {@link DeliveryParking} and {@link DeliveryBacklogQuery}; an adapter may implement them
 * in one class over one table, or apart.
 */
public interface DeliveryQueue {

    /**
     * Binds the base's events {@code firstSeq..lastSeq} to every webhook of the base that is enabled now, due
     * at {@code now}. Runs in the transaction of the change, with the base locked, so a webhook created or
     * enabled later never gets older events.
     *
     * @return how many deliveries were queued
     */
    int enqueue(BaseId baseId, long firstSeq, long lastSeq, Instant now);

    /**
     * Queues one delivery per event and target, in the transaction of the change with the base locked: event by
     * event, each to the targets in the order given, so ids rise in {@code seq} order for every webhook. The
     * caller read the targets (the webhooks enabled now) in that transaction. A target with a lease is handed to
     * this instance at once: its deliveries are leased until then, and no claim takes them before; the others are
     * due at {@code now}, for whichever instance claims them.
     *
     * @return the new deliveries' ids, in that order
     */
    List<DeliveryId> enqueue(BaseId baseId, List<StoredEvent> events, List<Target> targets, Instant now);

    /**
     * {@link #enqueue(BaseId, List, List, Instant)} for the events of several bases written in one transaction
     * (each base locked): group by group, in the order given, in as few round trips as the store allows.
     *
     * @return the new deliveries' ids, group by group, each group in the order of the single-base call
     */
    List<DeliveryId> enqueue(List<Group> groups, Instant now);

    /** A webhook a write queues deliveries for, and until when they are leased to this instance (null: due now). */
    record Target(WebhookId webhookId, Instant leasedUntil) {
        public Target {
            Objects.requireNonNull(webhookId);
        }
    }

    /** One base's events of a combined write, and the targets each of them goes to. */
    record Group(BaseId baseId, List<StoredEvent> events, List<Target> targets) {
        public Group {
            Objects.requireNonNull(baseId);
            events = List.copyOf(events);
            targets = List.copyOf(targets);
            if (events.stream().anyMatch(event -> !event.baseId().equals(baseId))) {
                throw new IllegalArgumentException("a group's events are of its base");
            }
        }
    }
}
