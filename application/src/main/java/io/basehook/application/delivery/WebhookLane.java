package io.basehook.application.delivery;

import io.basehook.application.port.out.ClaimedDelivery;
import io.basehook.domain.webhook.WebhookId;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedList;
import java.util.ListIterator;

/**
 * One webhook's send queue on this instance: its held deliveries waiting for a request slot, in claim order, its
 * open requests, and its hand-off state. All guarded by the lane itself: the methods below expect its lock held,
 * unless they say they take it.
 * <p>
 * A lane is <i>caught up</i> once a claim has seen that nothing of its webhook is due in the database; what is
 * handed off to a lane that is <i>behind</i> is held back until then, so it never overtakes an older first attempt.
 */
final class WebhookLane {
    final WebhookId webhookId;
    final ArrayDeque<HeldDelivery> waiting = new ArrayDeque<>();
    /** Requests open. */
    int sending;
    /** A thread is starting what waits ({@link LaneSender#startWaiting}). */
    boolean starting;
    /**
     * Hand-offs of writes that have not ended or are held back, in the order they were reserved ({@code seq}
     * order), and what was claimed between or behind them.
     */
    final LinkedList<HandedOffBatch> batches = new LinkedList<>();
    /** Handed-off deliveries not yet recorded or given back, reserved ones included. */
    int handed;
    /** Of those, the ones in batches held back until the older due ones are claimed: no claim room taken. */
    int heldBack;
    /** Open writes that queue deliveries of this webhook due, for a claim. */
    int writingDue;
    /** The database may hold due first attempts of this webhook: a hand-off would overtake them. */
    boolean behind = true;
    /** Counts the times it fell behind: a claim that started before the last of them cannot catch it up. */
    long fellBehind;
    Instant lastUsed;
    /** Forgotten while idle: a new lane takes its place. */
    boolean retired;

    WebhookLane(WebhookId webhookId, Instant now) {
        this.webhookId = webhookId;
        this.lastUsed = now;
    }

    void fallBehind() {
        behind = true;
        fellBehind++;
    }

    /** A write that queues due deliveries of this webhook opened: behind, and it stays so until it ends. */
    void startWritingDue() {
        fallBehind();
        writingDue++;
    }

    /** That write ended; if it committed, its rows may have come after a claim looked: still behind. Takes the lock. */
    void endWritingDue() {
        synchronized (this) {
            writingDue--;
            fallBehind();
        }
    }

    boolean idle() {
        return handed == 0 && writingDue == 0 && sending == 0 && waiting.isEmpty() && batches.isEmpty();
    }

    /** A held-back batch may start once the batches before it have. */
    void stopHoldingBack(HandedOffBatch batch) {
        heldBack -= batch.heldBack;
        batch.heldBack = 0;
    }

    /** Stops holding back every batch, and moves what is committed at the head on. */
    void stopHoldingBackAll(EngineState state) {
        batches.forEach(this::stopHoldingBack);
        releaseCommittedHead(state);
    }

    /**
     * Moves the committed batches at the head, up to one held back, to the waiting deliveries; while draining,
     * back to the database instead.
     */
    void releaseCommittedHead(EngineState state) {
        while (!batches.isEmpty() && batches.peek().committed && batches.peek().heldBack == 0) {
            HandedOffBatch batch = batches.poll();
            if (state.draining) {
                // nothing starts any more: back to the database at once, for any instance
                state.lapsed.addAll(batch.deliveries);
                fallBehind();
                state.wakeup.wake();
            } else {
                waiting.addAll(batch.deliveries);
            }
        }
    }

    /**
     * Queues a claimed delivery among the batches by {@code seq}: after those of older writes (a write that handed
     * off older seqs may not have ended yet), before those of newer ones (held back while this one was due). A
     * claimed first attempt also stops holding back the batches older than it: the claim takes a webhook's due rows
     * oldest first, so nothing older than it is left due. A retry has no place in the order and waits for a slot
     * only.
     */
    void queueClaimed(HeldDelivery delivery, EngineState state) {
        ClaimedDelivery claimed = delivery.delivery();
        if (claimed.attempts() > 0) {
            waiting.add(delivery);
            return;
        }
        ListIterator<HandedOffBatch> older = batches.listIterator();
        while (older.hasNext()) {
            HandedOffBatch batch = older.next();
            if (batch.firstSeq > claimed.seq()) {
                older.previous();
                break;
            }
            stopHoldingBack(batch);
        }
        if (!older.hasPrevious()) {
            waiting.add(delivery);
            return;
        }
        older.add(HandedOffBatch.ofClaimed(this, delivery));
        releaseCommittedHead(state);
    }
}
