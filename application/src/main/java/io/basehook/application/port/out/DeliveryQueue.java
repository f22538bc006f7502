package io.basehook.application.port.out;

import io.basehook.domain.base.BaseId;
import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.webhook.WebhookId;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Deliveries: one row per (event, webhook), written with the change and claimed by the delivery loop of any
 * instance with {@code SELECT … FOR UPDATE SKIP LOCKED} and a lease.
 */
public interface DeliveryQueue {

    /** Where deliveries of a disabled webhook wait ({@link #park}); enabling it again makes them due. */
    Instant PARKED = Instant.parse("9999-01-01T00:00:00Z");

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

    /**
     * In the caller's transaction (or its own without one), which must commit before anything claimed is sent:
     * takes due open deliveries (oldest due first, then by id, so a webhook's deliveries are first attempted in
     * {@code seq} order), at most {@code limit} in all and per webhook at most its {@code room} (a webhook not in
     * the map: {@code roomOfOthers}), skipping rows another instance holds, and leases them by moving their next
     * attempt to {@code leaseUntil}. If this instance dies, the lease expires and another instance takes them.
     * Their payloads weigh at most {@code maxBytes} together (each delivery counted in full), except that the first
     * is taken however large it is; what the bytes leave out stays due. The answer also tells whether the claim saw
     * every delivery that was due when it looked.
     */
    Claim claim(int limit, Map<WebhookId, Integer> room, int roomOfOthers, Instant now, Instant leaseUntil,
                long maxBytes);

    /** {@link #claim(int, Map, int, Instant, Instant, long)} with no bound on the payloads' bytes. */
    default Claim claim(int limit, Map<WebhookId, Integer> room, int roomOfOthers, Instant now, Instant leaseUntil) {
        return claim(limit, room, roomOfOthers, now, leaseUntil, Long.MAX_VALUE);
    }

    /**
     * In the caller's transaction (or its own without one): gives back claimed deliveries that were not sent,
     * due at {@code now}, so any instance may take them at once. Only a delivery still under the lease
     * {@code leaseUntil} of that claim is touched; one whose lease ran out belongs to whoever took it next.
     */
    void release(Collection<DeliveryId> ids, Instant leaseUntil, Instant now);

    /** In the caller's transaction (or its own without one): logs each attempt and moves each delivery to its new status. */
    void record(List<DeliveryOutcome> outcomes);

    /**
     * After the outcomes' {@link #record} committed, outside any transaction: keeps each webhook's health
     * ({@code failingSince} cleared by a 2xx, set by the first failure after one), then disables, as auto-disabled,
     * every enabled webhook failing since before {@code disableFailingSince}. A change of a webhook holds its base's
     * lock like every other, which a transaction that holds deliveries locked must not wait for; so this runs in a
     * transaction of its own, and only where something changes.
     *
     * @return the ids of the webhooks it auto-disabled
     */
    List<WebhookId> recordHealth(List<DeliveryOutcome> outcomes, Instant disableFailingSince);

    /** Holds the open deliveries of disabled webhooks back until they are enabled again. */
    void park(Collection<DeliveryId> ids, Instant until);

    /**
     * Of {@code webhookIds}, those with no delivery due at {@code now} (a leased one is not due), in the caller's
     * transaction. After a claim whose head did not reach everything due (another webhook's backlog filled it),
     * this is how a lane that is behind learns it is caught up: without it, a new lane waited for as long as any
     * other webhook had a backlog.
     */
    Set<WebhookId> withNothingDue(Collection<WebhookId> webhookIds, Instant now);

    /**
     * Parks the deliveries of a disabled webhook that are due now, at once instead of a claim's worth a turn: left
     * due, they fill the head of the due index, and every claim leases them, reads their payloads and parks them,
     * as many as it may take, before it gets past them to other webhooks' rows. Leased deliveries (in flight) and
     * later retries are left as they are: a claim parks those when they come due. Runs in statements of its own,
     * each bounded, and parks nothing once the webhook is enabled again.
     *
     * @return how many it parked
     */
    int parkDue(WebhookId webhookId, Instant now);

    /**
     * Makes every open delivery of a re-enabled webhook that is not due yet due now: the parked ones, retries
     * scheduled later, and one still leased from before the disable (ADR 0016).
     */
    void resume(WebhookId webhookId, Instant now);

    /**
     * How many deliveries wait to be sent (pending or retrying, not parked), when the oldest of them was created, and
     * the earliest time one of them is due at (a claimed one is due when its lease runs out).
     */
    Backlog backlog();

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

    /**
     * What a claim took, in claim order. {@code sawAllDue}: nothing due was left unseen, so a webhook that took
     * fewer than its room has nothing due left but what other instances hold. {@code nothingDue}: nothing at all
     * was due when it looked, not even deliveries it could not take (no room, locked by another instance); until
     * something is queued due or comes due, another claim would find nothing either.
     */
    record Claim(List<ClaimedDelivery> deliveries, boolean sawAllDue, boolean nothingDue) {
        public static final Claim NONE = new Claim(List.of(), false, false);

        public Claim {
            deliveries = List.copyOf(deliveries);
            if (nothingDue && (!deliveries.isEmpty() || !sawAllDue)) {
                throw new IllegalArgumentException("a claim that found nothing due took nothing and saw all");
            }
        }
    }

    /**
     * Open deliveries, the creation time of the oldest, and the earliest due time among them: one in the past has
     * waited that long for a claim (both null when there is none).
     */
    record Backlog(long open, Instant oldestCreatedAt, Instant earliestDueAt) {
    }
}
