package io.basehook.application.delivery;

import io.basehook.domain.webhook.Webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One write's deliveries to one webhook: reserved in its transaction, filled after its insert. Reserved while the
 * lane was behind, it is held back until what is due of the webhook in the database was claimed. A claimed first
 * attempt that must wait between batches is queued as a batch of its own, committed at once.
 */
final class HandedOffBatch {
    final WebhookLane lane;
    final Webhook webhook;
    final Instant leaseUntil;
    /** How many deliveries it reserved. */
    final int size;
    /** What its deliveries' payloads weigh, each counted in full. */
    final long bytes;
    final List<HeldDelivery> deliveries = new ArrayList<>();
    boolean committed;
    /** Held back (while not 0): its deliveries in the lane's held-back count. */
    int heldBack;
    /** The seq of its first delivery; until it is filled, its write is open and newer than anything claimed. */
    long firstSeq = Long.MAX_VALUE;

    HandedOffBatch(WebhookLane lane, Webhook webhook, Instant leaseUntil, int size, long bytes) {
        this.lane = lane;
        this.webhook = webhook;
        this.leaseUntil = leaseUntil;
        this.size = size;
        this.bytes = bytes;
    }

    /** A claimed first attempt that must wait behind the batches of older writes: committed, reserving nothing. */
    static HandedOffBatch ofClaimed(WebhookLane lane, HeldDelivery claimed) {
        HandedOffBatch alone = new HandedOffBatch(lane, claimed.webhook(), claimed.leaseUntil(), 0, 0);
        alone.deliveries.add(claimed);
        alone.firstSeq = claimed.delivery().seq();
        alone.committed = true;
        return alone;
    }
}
