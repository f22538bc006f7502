package io.basehook.application.delivery;

import io.basehook.domain.webhook.WebhookId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The loop thread's books: what this instance holds claimed, per webhook, and what finished or lapsed since the
 * last turn and waits to be recorded or given back. Touched by the loop thread only.
 */
final class TurnLedger {

    private final EngineState state;
    /** Claimed and not yet recorded or given back, per webhook. */
    private final Map<WebhookId, Integer> claimedPerWebhook = new HashMap<>();
    private final List<FinishedAttempt> unrecorded = new ArrayList<>();
    private final List<HeldDelivery> unreleased = new ArrayList<>();

    TurnLedger(EngineState state) {
        this.state = state;
    }

    /** Takes what the senders' threads finished or gave up on since the last turn. */
    void collect() {
        FinishedAttempt done;
        while ((done = state.finished.poll()) != null) {
            unrecorded.add(done);
        }
        HeldDelivery back;
        while ((back = state.lapsed.poll()) != null) {
            unreleased.add(back);
        }
    }

    /** Finished attempts to record. */
    List<FinishedAttempt> unrecorded() {
        return unrecorded;
    }

    /** Lapsed deliveries to give back. */
    List<HeldDelivery> unreleased() {
        return unreleased;
    }

    boolean holdsClaimed(WebhookId webhookId) {
        return claimedPerWebhook.containsKey(webhookId);
    }

    int claimedInAll() {
        int count = 0;
        for (int each : claimedPerWebhook.values()) {
            count += each;
        }
        return count;
    }

    /** One more claimed delivery held. */
    void claimed(HeldDelivery delivery) {
        claimedPerWebhook.merge(delivery.delivery().webhookId(), 1, Integer::sum);
        state.claimedBytes += delivery.bytes();
    }

    /** What the payloads of the claimed deliveries this turn records or gives back weigh. */
    long claimedBytesToFree() {
        long bytes = 0;
        for (FinishedAttempt done : unrecorded) {
            bytes += done.held().handedOff() ? 0 : done.held().bytes();
        }
        for (HeldDelivery back : unreleased) {
            bytes += back.handedOff() ? 0 : back.bytes();
        }
        return bytes;
    }

    /**
     * How many more each webhook may claim once this turn's outcomes are recorded and its lapsed deliveries given
     * back: its allowance less what it still holds. A webhook left out has the default room, its request slots.
     */
    Map<WebhookId, Integer> roomAfterThisTurn() {
        Map<WebhookId, Integer> stillHeld = new HashMap<>(claimedPerWebhook);
        unrecorded.stream().filter(done -> !done.held().handedOff())
                .forEach(done -> oneFewer(stillHeld, done.delivery().webhookId()));
        unreleased.stream().filter(back -> !back.handedOff())
                .forEach(back -> oneFewer(stillHeld, back.delivery().webhookId()));
        // what a webhook holds handed off counts against its room too (the turn frees some: left for the next),
        // but not what is held back: it waits for this claim, which must not be kept from taking what is due
        Map<WebhookId, Integer> handed = new HashMap<>();
        for (WebhookLane lane : state.lanes.values()) {
            synchronized (lane) {
                if (lane.handed > lane.heldBack) {
                    handed.put(lane.webhookId, lane.handed - lane.heldBack);
                }
            }
        }
        Set<WebhookId> holding = new HashSet<>(claimedPerWebhook.keySet());
        holding.addAll(handed.keySet());
        Map<WebhookId, Integer> room = new HashMap<>();
        int slots = state.settings.maxInFlightPerWebhook();
        for (WebhookId webhookId : holding) {
            int left = Math.max(0, state.pace.claimAllowance(webhookId) - stillHeld.getOrDefault(webhookId, 0)
                    - handed.getOrDefault(webhookId, 0));
            if (left != slots) {
                room.put(webhookId, left);
            }
        }
        return room;
    }

    /**
     * After the transaction that recorded the finished attempts and gave back what lapsed committed: learns the
     * webhooks' pace from the attempts and frees what they held. On a database error it is never reached, and both
     * stay for the next turn, so none is lost.
     *
     * @return how many attempts were recorded
     */
    int freeRecorded() {
        List<HeldDelivery> freed = new ArrayList<>(unrecorded.size() + unreleased.size());
        for (FinishedAttempt done : unrecorded) {
            state.pace.learn(done.delivery().webhookId(), done.attempt().duration());
            freed.add(done.held());
        }
        freed.addAll(unreleased);
        long claimedFreed = 0;
        for (HeldDelivery held : freed) {
            if (held.handedOff()) {
                handedOffFreed(held);
            } else {
                oneFewer(claimedPerWebhook, held.delivery().webhookId());
                claimedFreed += held.bytes();
            }
        }
        state.claimedBytes -= claimedFreed;
        int count = unrecorded.size();
        unrecorded.clear();
        unreleased.clear();
        return count;
    }

    /** A handed-off delivery was recorded or given back. */
    private void handedOffFreed(HeldDelivery held) {
        WebhookId webhookId = held.delivery().webhookId();
        state.handedBytes.addAndGet(-held.bytes());
        state.handedInAll.decrementAndGet();
        WebhookLane lane = state.lanes.get(webhookId);
        if (lane != null) {
            synchronized (lane) {
                lane.handed--;
                lane.lastUsed = state.clock.instant();
            }
        }
    }

    /** One fewer held by the webhook; none left removes it. */
    private static void oneFewer(Map<WebhookId, Integer> perWebhook, WebhookId webhookId) {
        perWebhook.computeIfPresent(webhookId, (id, count) -> count > 1 ? count - 1 : null);
    }
}
