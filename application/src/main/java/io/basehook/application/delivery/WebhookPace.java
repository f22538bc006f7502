package io.basehook.application.delivery;

import io.basehook.domain.webhook.WebhookId;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How fast each webhook's endpoint answers (its mean attempt time), and so how many deliveries it may hold: what
 * its open requests finish in a short time at that pace. A slow or dead endpoint holds hardly more than it sends,
 * and what waits is never near the end of its lease. Learnt by the loop thread, read by writers for hand-offs.
 */
final class WebhookPace {

    /** A webhook holds claimed what its open requests finish in this time, at its recent pace. */
    static final Duration CLAIM_AHEAD = Duration.ofMillis(200);
    /** A webhook takes hand-offs while what it holds is sent in this time at its pace. */
    static final Duration HANDOFF_AHEAD = Duration.ofSeconds(1);
    /** The weight of the newest attempt in a webhook's pace. */
    private static final double WEIGHT = 0.2;

    private final DeliverySettings settings;
    private final Map<WebhookId, Double> paceMillis = new ConcurrentHashMap<>();

    WebhookPace(DeliverySettings settings) {
        this.settings = settings;
    }

    /** An attempt of the webhook took {@code took}. */
    void learn(WebhookId webhookId, Duration took) {
        paceMillis.merge(webhookId, took.toNanos() / 1e6, (pace, latest) -> pace + WEIGHT * (latest - pace));
    }

    /** Forgets the pace of the webhooks without a lane: learnt again when they are busy. */
    void forgetAllBut(Map<WebhookId, ?> lanes) {
        paceMillis.keySet().removeIf(webhookId -> !lanes.containsKey(webhookId));
    }

    /**
     * What a webhook may hold claimed: its request slots, plus what they finish in {@link #CLAIM_AHEAD} at the
     * webhook's pace (unknown until an attempt of it was recorded), at most {@code maxClaimedPerWebhook}.
     */
    int claimAllowance(WebhookId webhookId) {
        return paced(webhookId, CLAIM_AHEAD, settings.maxInFlightPerWebhook(), settings.maxClaimedPerWebhook());
    }

    /**
     * What a webhook may hold handed off: its request slots, plus what they finish in {@link #HANDOFF_AHEAD} at
     * its pace (unknown: what it may hold claimed), at most {@link DeliverySettings#maxHandedOff()}.
     */
    int handOffAllowance(WebhookId webhookId) {
        return paced(webhookId, HANDOFF_AHEAD, settings.maxClaimedPerWebhook(), settings.maxHandedOff());
    }

    /**
     * The webhook's request slots plus what they finish in {@code ahead} at its pace, at most {@code cap};
     * {@code unknown} while no attempt of it was recorded.
     */
    private int paced(WebhookId webhookId, Duration ahead, int unknown, int cap) {
        Double pace = paceMillis.get(webhookId);
        if (pace == null) {
            return unknown;
        }
        int slots = settings.maxInFlightPerWebhook();
        double more = slots * (ahead.toNanos() / 1e6) / Math.max(pace, 0.01);
        return (int) Math.min(cap, slots + (long) more);
    }
}
