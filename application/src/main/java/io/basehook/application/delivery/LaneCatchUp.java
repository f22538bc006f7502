package io.basehook.application.delivery;

import io.basehook.application.port.out.ClaimedDelivery;
import io.basehook.application.port.out.DeliveryClaims;
import io.basehook.domain.webhook.WebhookId;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which lanes a turn's claim caught up: a lane behind may hold due first attempts in the database, and takes
 * hand-offs that start at once only when a claim has seen that none of its webhook is left due.
 */
final class LaneCatchUp {

    private final EngineState state;
    private final DeliveryClaims claims;
    private final LaneSender sending;

    LaneCatchUp(EngineState state, DeliveryClaims claims, LaneSender sending) {
        this.state = state;
        this.claims = claims;
        this.sending = sending;
    }

    /** The lanes that are behind, each with its count of falls, just before a claim looks. */
    Map<WebhookLane, Long> lanesBehind() {
        Map<WebhookLane, Long> behind = new HashMap<>();
        for (WebhookLane lane : state.lanes.values()) {
            synchronized (lane) {
                if (lane.behind && !lane.retired) {
                    behind.put(lane, lane.fellBehind);
                }
            }
        }
        return behind;
    }

    /**
     * Of the lanes that were behind, those a claim that saw everything due has caught up: their webhook took fewer
     * than its room, so nothing of it was left due.
     */
    Map<WebhookLane, Long> caughtUp(Map<WebhookLane, Long> behind, List<ClaimedDelivery> claimed,
                                    Map<WebhookId, Integer> room) {
        if (behind.isEmpty()) {
            return Map.of();
        }
        Map<WebhookId, Integer> took = new HashMap<>();
        claimed.forEach(delivery -> took.merge(delivery.webhookId(), 1, Integer::sum));
        Map<WebhookLane, Long> caughtUp = new HashMap<>();
        behind.forEach((lane, falls) -> {
            int roomOf = room.getOrDefault(lane.webhookId, state.settings.maxInFlightPerWebhook());
            if (took.getOrDefault(lane.webhookId, 0) < roomOf) {
                caughtUp.put(lane, falls);
            }
        });
        return caughtUp;
    }

    /**
     * Of the lanes that were behind, those whose webhook has nothing due left after a claim that did not see
     * everything due: another webhook's backlog filled its head, which says nothing about this one, so the
     * database is asked per webhook, and a new webhook's first deliveries, held back, need not wait for that
     * backlog to clear or for their lease to run out.
     */
    Map<WebhookLane, Long> caughtUpPerWebhook(Map<WebhookLane, Long> behind, Instant now) {
        if (behind.isEmpty()) {
            return Map.of();
        }
        Set<WebhookId> ids = new HashSet<>();
        behind.keySet().forEach(lane -> ids.add(lane.webhookId));
        Set<WebhookId> clear = claims.withNothingDue(ids, now);
        Map<WebhookLane, Long> caughtUp = new HashMap<>();
        behind.forEach((lane, falls) -> {
            if (clear.contains(lane.webhookId)) {
                caughtUp.put(lane, falls);
            }
        });
        return caughtUp;
    }

    /**
     * After the claim's deliveries are in their lanes: the lane takes hand-offs again, unless it fell behind since
     * the claim looked, or a write that queues due deliveries of it is open (its rows may be committed after the
     * claim looked).
     */
    void catchUp(WebhookLane lane, long falls) {
        synchronized (lane) {
            if (lane.fellBehind != falls || lane.writingDue != 0) {
                return;
            }
            lane.behind = false;
            // nothing older is due any more: what was handed off meanwhile may start
            lane.stopHoldingBackAll(state);
        }
        sending.startWaiting(lane);
    }
}
