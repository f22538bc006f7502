package io.basehook.application.delivery;

import io.basehook.application.port.in.DeliverWebhooksUseCase;
import io.basehook.application.port.out.DeliveryClaims;
import io.basehook.application.port.out.DeliveryMetrics;
import io.basehook.application.port.out.DeliveryOutcomes;
import io.basehook.application.port.out.DeliveryParking;
import io.basehook.application.port.out.DeliveryWakeup;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.application.port.out.WebhookRepository;
import io.basehook.domain.delivery.WebhookPort;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The delivery engine: claims due deliveries in batches, sends each without holding a thread, and records the
 * outcomes in batches with their retry schedule. One loop thread calls {@link #deliverDue()}; a turn is one
 * transaction that records what finished and claims what is due, and only after it committed does it send
 * ({@link DeliveryTurn}).
 * <p>
 * A webhook whose endpoint answers fast may hold more deliveries claimed than it has requests in flight: they
 * wait in its lane ({@link WebhookLane}), and each answer starts the next one at once, on the thread that got the
 * answer, without waiting for the loop's next turn ({@link LaneSender}). So the database turns (one per batch) do
 * not pace the requests, while a webhook never has more than {@link DeliverySettings#maxInFlightPerWebhook()}
 * requests open. How much a webhook may hold follows its pace ({@link WebhookPace}): what its open requests finish
 * in a short time, so a slow or dead endpoint holds hardly more than it sends, and what waits is never near the end
 * of its lease.
 * <p>
 * <b>Hand-off.</b> A content write may also give its deliveries straight to a lane ({@link DeliveryHandoff}): they
 * are written leased to this instance and start when the write commits, with no claim, no lease update and no
 * payload read ({@link HandoffReservations}, {@link WriteHandoff}). A hand-off never overtakes an older first
 * attempt ({@code seq} order holds on this instance): a lane is <i>caught up</i> once a claim has seen that nothing
 * of its webhook is due in the database ({@link LaneCatchUp}), and what is handed off to a lane that is
 * <i>behind</i> is held back until then, or until a claim brings a newer first attempt (claims take a webhook's due
 * rows oldest first, so nothing older is left). Claimed first attempts take their place among the handed-off
 * batches by {@code seq}. A write that cannot hand off (the webhook holds what it sends in
 * {@link WebhookPace#HANDOFF_AHEAD}, or this instance holds {@link DeliverySettings#maxHandedOff()} hand-offs)
 * queues its deliveries due, and the lane is behind again until a claim has taken them. Hand-offs of one base are
 * reserved under its lock, so in {@code seq} order, and start in that order: a lane never starts past a
 * reservation whose write has not ended.
 */
public final class DeliveryEngine implements DeliverWebhooksUseCase, DeliveryHandoff {

    private final DeliveryTurn turns;
    private final HandoffReservations handoffs;

    public DeliveryEngine(DeliveryClaims claims, DeliveryOutcomes outcomeLog, DeliveryParking parking,
                          WebhookRepository webhooks, WebhookPort sender, DeliveryWakeup wakeup,
                          DeliveryMetrics metrics, TransactionRunner transactions, DeliverySettings settings,
                          Clock clock) {
        EngineState state = new EngineState(settings, clock, wakeup);
        LaneSender sending = new LaneSender(state, sender);
        AttemptOutcomes outcomes = new AttemptOutcomes(outcomeLog, parking, metrics, settings, clock);
        this.turns = new DeliveryTurn(claims, parking, webhooks, transactions, state, outcomes, sending);
        this.handoffs = new HandoffReservations(state, sending);
    }

    @Override
    public int deliverDue(boolean mayBeDue) {
        return turns.run(mayBeDue);
    }

    @Override
    public boolean moreDue() {
        return turns.moreDue();
    }

    @Override
    public int inFlight() {
        return turns.inFlight();
    }

    @Override
    public void drain(Duration timeout) {
        turns.drain(timeout);
    }

    @Override
    public boolean active() {
        return handoffs.active();
    }

    @Override
    public Reservation reserve(List<Webhook> targets, int events, long bytes, Instant now) {
        return handoffs.reserve(targets, events, bytes, now);
    }

    @Override
    public Runnable dueInDatabase(WebhookId webhookId) {
        return handoffs.dueInDatabase(webhookId);
    }
}
