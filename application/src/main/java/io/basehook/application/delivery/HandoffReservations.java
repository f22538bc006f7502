package io.basehook.application.delivery;

import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reserves room in the lanes for the deliveries of a write ({@link DeliveryHandoff}), on the writer's thread. A
 * webhook takes them while what it holds handed off is sent in {@link WebhookPace#HANDOFF_AHEAD} at its pace and
 * the instance stays within {@link DeliverySettings#maxHandedOff()} and its bytes; otherwise they are queued due,
 * and the lane is behind until a claim has taken them.
 */
final class HandoffReservations {

    private final EngineState state;
    private final LaneSender sending;

    HandoffReservations(EngineState state, LaneSender sending) {
        this.state = state;
        this.sending = sending;
    }

    boolean active() {
        return state.settings.maxHandedOff() > 0;
    }

    DeliveryHandoff.Reservation reserve(List<Webhook> targets, int events, long bytes, Instant now) {
        Instant leaseUntil = now.plus(state.settings.lease());
        Map<WebhookId, HandedOffBatch> granted = new HashMap<>();
        List<WebhookLane> due = new ArrayList<>();
        for (Webhook webhook : targets) {
            int allowance = state.pace.handOffAllowance(webhook.id());
            state.inLane(webhook.id(), now, lane -> {
                if (!state.draining && lane.handed + events <= allowance && takeHanded(events, bytes)) {
                    HandedOffBatch batch = new HandedOffBatch(lane, webhook, leaseUntil, events, bytes);
                    lane.handed += events;
                    if (lane.behind) {
                        // older deliveries are due in the database: this starts once a claim has taken them
                        batch.heldBack = events;
                        lane.heldBack += events;
                    }
                    lane.batches.add(batch);
                    granted.put(webhook.id(), batch);
                } else {
                    // its deliveries go to the database due: the next hand-off would overtake them
                    lane.startWritingDue();
                    due.add(lane);
                }
                return lane;
            });
        }
        return new WriteHandoff(state, sending, targets, granted, due);
    }

    Runnable dueInDatabase(WebhookId webhookId) {
        WebhookLane lane = state.inLane(webhookId, state.clock.instant(), opened -> {
            opened.startWritingDue();
            return opened;
        });
        AtomicBoolean ended = new AtomicBoolean();
        return () -> {
            if (ended.compareAndSet(false, true)) {
                lane.endWritingDue();
            }
        };
    }

    /**
     * Counts {@code events} more hand-offs in all, weighing {@code bytes}, unless that would exceed the instance's
     * bound in count, or in bytes with what it holds claimed.
     */
    private boolean takeHanded(int events, long bytes) {
        if (state.handedInAll.addAndGet(events) > state.settings.maxHandedOff()) {
            state.handedInAll.addAndGet(-events);
            return false;
        }
        if (state.handedBytes.addAndGet(bytes) + state.claimedBytes > state.settings.maxHeldBytes()) {
            state.handedBytes.addAndGet(-bytes);
            state.handedInAll.addAndGet(-events);
            return false;
        }
        return true;
    }
}
