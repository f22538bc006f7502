package io.basehook.application.service;

import io.basehook.application.port.in.DeliverWebhooksUseCase;
import io.basehook.application.port.out.ClaimedDelivery;
import io.basehook.application.port.out.DeliveryMetrics;
import io.basehook.application.port.out.DeliveryOutcome;
import io.basehook.application.port.out.DeliveryQueue;
import io.basehook.application.port.out.DeliveryWakeup;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.application.port.out.WebhookPort;
import io.basehook.application.port.out.WebhookRepository;
import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.delivery.AttemptError;
import io.basehook.domain.delivery.Delivery;
import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.delivery.DeliveryStatus;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The delivery engine: claims due deliveries in batches, sends each without holding a thread, and records the
 * outcomes in batches with their retry schedule. One loop thread calls {@link #deliverDue()}; a turn is one
 * transaction that records what finished and claims what is due, and only after it committed does it send.
 * <p>
 * A webhook whose endpoint answers fast may hold more deliveries claimed than it has requests in flight: they
 * wait in its lane, and each answer starts the next one at once, on the thread that got the answer, without
 * waiting for the loop's next turn. So the database turns (one per batch) no longer pace the requests, while a
 * webhook never has more than {@link DeliverySettings#maxInFlightPerWebhook()} requests open. How much a webhook
 * may hold follows its pace: what its open requests finish in {@link #CLAIM_AHEAD}, so a slow or dead endpoint
 * holds hardly more than it sends, and what waits is never near the end of its lease.
 */
public final class DeliveryDispatcher implements DeliverWebhooksUseCase {

    private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class.getName());

    /** A webhook holds claimed what its open requests finish in this time, at its recent pace. */
    static final Duration CLAIM_AHEAD = Duration.ofMillis(200);
    /** The weight of the newest attempt in a webhook's pace (its mean attempt time). */
    private static final double PACE_WEIGHT = 0.2;

    /** As the log shows it: a parked delivery has nothing scheduled until its webhook is enabled again. */
    static Delivery shown(Delivery delivery) {
        Instant next = delivery.nextAttemptAt();
        return next == null || next.isBefore(DeliveryQueue.PARKED) ? delivery : new Delivery(delivery.id(), delivery.webhookId(),
                delivery.baseId(), delivery.seq(), delivery.eventId(), delivery.eventType(), delivery.status(),
                delivery.attempts(), delivery.createdAt(), null, delivery.attemptLog());
    }

    private record Finished(ClaimedDelivery delivery, Attempt attempt) {
    }

    /** A delivery this instance claimed, the webhook as it was read for that claim, and the claim's lease. */
    private record Held(ClaimedDelivery delivery, Webhook webhook, Instant leaseUntil) {
    }

    /** What one turn's transaction did: webhooks it auto-disabled, deliveries it claimed. */
    private record Turn(List<WebhookId> disabled, List<ClaimedDelivery> claimed) {
    }

    /** One webhook's claimed deliveries waiting for a request slot, in claim order, and its open requests. */
    private static final class Lane {
        // guarded by the lane itself
        private final ArrayDeque<Held> waiting = new ArrayDeque<>();
        private int sending;
        private boolean pumping;
    }

    private final DeliveryQueue queue;
    private final WebhookRepository webhooks;
    private final WebhookPort sender;
    private final DeliveryWakeup wakeup;
    private final DeliveryMetrics metrics;
    private final TransactionRunner transactions;
    private final DeliverySettings settings;
    private final Clock clock;

    private final Queue<Finished> finished = new ConcurrentLinkedQueue<>();
    /** Waited so long that the lease would not outlive the request: given back unsent by the next turn. */
    private final Queue<Held> lapsed = new ConcurrentLinkedQueue<>();
    private final Map<WebhookId, Lane> lanes = new ConcurrentHashMap<>();
    // touched by the loop thread only
    /** Claimed and not yet recorded or given back, per webhook. */
    private final Map<WebhookId, Integer> heldPerWebhook = new HashMap<>();
    private final Map<WebhookId, Double> paceMillis = new HashMap<>();
    private final List<Finished> unrecorded = new ArrayList<>();
    private final List<Held> unreleased = new ArrayList<>();
    private boolean claimedFullBatch;
    private volatile boolean draining;

    public DeliveryDispatcher(DeliveryQueue queue, WebhookRepository webhooks, WebhookPort sender,
                              DeliveryWakeup wakeup, DeliveryMetrics metrics, TransactionRunner transactions,
                              DeliverySettings settings, Clock clock) {
        this.queue = queue;
        this.webhooks = webhooks;
        this.sender = sender;
        this.wakeup = wakeup;
        this.metrics = metrics;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public int deliverDue() {
        claimedFullBatch = false;
        collect();
        if (draining) {
            return settle();
        }
        // what this turn records or gives back frees its room for the turn's claim
        int capacity = Math.min(settings.claimBatch(),
                settings.maxHeld() - heldInAll() + unrecorded.size() + unreleased.size());
        Map<WebhookId, Integer> room = roomAfterThisTurn();
        Instant now = clock.instant();
        Instant leaseUntil = now.plus(settings.lease());
        List<DeliveryOutcome> outcomes = outcomes(now);
        Turn turn = transactions.inTransaction(() -> {
            giveBack(now);
            return new Turn(
                    outcomes.isEmpty() ? List.of() : queue.record(outcomes, now.minus(settings.disableAfter())),
                    capacity <= 0 ? List.of() : queue.claim(capacity, room, settings.maxInFlightPerWebhook(), now,
                            leaseUntil));
        });
        int settled = settled(outcomes, turn.disabled());
        List<ClaimedDelivery> claimed = turn.claimed();
        claimedFullBatch = capacity > 0 && claimed.size() == capacity && capacity == settings.claimBatch();
        try {
            return settled + queueInLanes(claimed, leaseUntil);
        } finally {
            forgetIdle();
        }
    }

    /** After the claim committed: queues each claimed delivery in its webhook's lane and starts what has a slot. */
    private int queueInLanes(List<ClaimedDelivery> claimed, Instant leaseUntil) {
        if (claimed.isEmpty()) {
            return 0;
        }
        LinkedHashSet<WebhookId> ids = new LinkedHashSet<>();
        claimed.forEach(delivery -> ids.add(delivery.webhookId()));
        Map<WebhookId, Webhook> targets = webhooks.findByIds(ids);
        List<DeliveryId> parked = new ArrayList<>();
        Map<WebhookId, Lane> touched = new LinkedHashMap<>();
        for (ClaimedDelivery delivery : claimed) {
            Webhook webhook = targets.get(delivery.webhookId());
            if (webhook == null) {
                continue; // deleted since: its deliveries went with it
            }
            if (!webhook.enabled()) {
                parked.add(delivery.id());
                continue;
            }
            touched.put(webhook.id(), hold(new Held(delivery, webhook, leaseUntil)));
        }
        touched.values().forEach(this::pump);
        if (!parked.isEmpty()) {
            queue.park(parked, DeliveryQueue.PARKED);
        }
        return claimed.size();
    }

    /** A webhook that holds nothing any more has an empty lane: it goes, and its pace is learnt again when busy. */
    private void forgetIdle() {
        lanes.keySet().removeIf(webhookId -> !heldPerWebhook.containsKey(webhookId));
        paceMillis.keySet().removeIf(webhookId -> !heldPerWebhook.containsKey(webhookId));
    }

    private int heldInAll() {
        int count = 0;
        for (int each : heldPerWebhook.values()) {
            count += each;
        }
        return count;
    }

    @Override
    public boolean moreDue() {
        return claimedFullBatch;
    }

    /**
     * How many more each webhook may claim once this turn's outcomes are recorded and its lapsed deliveries given
     * back: its allowance less what it still holds. A webhook left out has the default room, its request slots.
     */
    private Map<WebhookId, Integer> roomAfterThisTurn() {
        Map<WebhookId, Integer> stillHeld = new HashMap<>(heldPerWebhook);
        unrecorded.forEach(done -> release(stillHeld, done.delivery().webhookId()));
        unreleased.forEach(back -> release(stillHeld, back.delivery().webhookId()));
        Map<WebhookId, Integer> room = new HashMap<>();
        for (WebhookId webhookId : heldPerWebhook.keySet()) {
            int left = Math.max(0, allowance(webhookId) - stillHeld.getOrDefault(webhookId, 0));
            if (left != settings.maxInFlightPerWebhook()) {
                room.put(webhookId, left);
            }
        }
        return room;
    }

    /**
     * What a webhook may hold claimed: its request slots, plus what they finish in {@link #CLAIM_AHEAD} at the
     * webhook's pace (unknown until an attempt of it was recorded), at most {@code maxClaimedPerWebhook}.
     */
    private int allowance(WebhookId webhookId) {
        Double pace = paceMillis.get(webhookId);
        int slots = settings.maxInFlightPerWebhook();
        if (pace == null) {
            return slots;
        }
        double ahead = slots * (CLAIM_AHEAD.toNanos() / 1e6) / Math.max(pace, 0.01);
        return (int) Math.min(settings.maxClaimedPerWebhook(), slots + (long) ahead);
    }

    /** One fewer held by the webhook; none left removes it. */
    private static void release(Map<WebhookId, Integer> perWebhook, WebhookId webhookId) {
        perWebhook.computeIfPresent(webhookId, (id, count) -> count > 1 ? count - 1 : null);
    }

    /** Queues a claimed delivery in its webhook's lane (loop thread). */
    private Lane hold(Held delivery) {
        WebhookId webhookId = delivery.delivery().webhookId();
        Lane lane = lanes.computeIfAbsent(webhookId, id -> new Lane());
        heldPerWebhook.merge(webhookId, 1, Integer::sum);
        synchronized (lane) {
            lane.waiting.add(delivery);
        }
        return lane;
    }

    /**
     * Starts what waits in the lane while it has free request slots. Any thread may call it (the loop after a
     * claim, a sender's thread after an answer); one pumps a lane at a time, and it looks again after each start,
     * so a slot freed meanwhile is never left unused.
     */
    private void pump(Lane lane) {
        synchronized (lane) {
            if (lane.pumping) {
                return;
            }
            lane.pumping = true;
        }
        while (true) {
            Held next;
            boolean lapse;
            synchronized (lane) {
                next = draining || lane.sending >= settings.maxInFlightPerWebhook() ? null : lane.waiting.poll();
                if (next == null) {
                    lane.pumping = false;
                    return;
                }
                // the lease could end before the answer, and another instance would send it too
                lapse = !clock.instant().plus(settings.requestTimeout()).isBefore(next.leaseUntil());
                if (!lapse) {
                    lane.sending++;
                }
            }
            if (lapse) {
                lapsed.add(next);
                wakeup.wake();
            } else {
                send(lane, next);
            }
        }
    }

    private void send(Lane lane, Held held) {
        ClaimedDelivery delivery = held.delivery();
        Instant at = clock.instant();
        CompletableFuture<Attempt> sending;
        try {
            sending = sender.send(held.webhook().url(), delivery.eventId(), delivery.payload(),
                    held.webhook().signingSecrets(at));
        } catch (RuntimeException e) {
            // a send that throws instead of answering would otherwise hold its slot forever
            sending = CompletableFuture.failedFuture(e);
        }
        sending.whenComplete((attempt, error) -> {
            Attempt outcome = attempt != null ? attempt : Attempt.failed(at, Duration.between(at, clock.instant()),
                    Map.of(), AttemptError.CONNECTION_FAILED, String.valueOf(error));
            finished.add(new Finished(delivery, outcome));
            synchronized (lane) {
                lane.sending--;
            }
            pump(lane);
            wakeup.wake();
        });
    }

    private void collect() {
        Finished done;
        while ((done = finished.poll()) != null) {
            unrecorded.add(done);
        }
        Held back;
        while ((back = lapsed.poll()) != null) {
            unreleased.add(back);
        }
    }

    private List<DeliveryOutcome> outcomes(Instant now) {
        List<DeliveryOutcome> outcomes = new ArrayList<>(unrecorded.size());
        for (Finished done : unrecorded) {
            outcomes.add(outcome(done, now));
        }
        return outcomes;
    }

    /** In the turn's transaction: the lapsed deliveries are due again at once, for any instance. */
    private void giveBack(Instant now) {
        Map<Instant, List<DeliveryId>> byLease = new HashMap<>();
        for (Held back : unreleased) {
            byLease.computeIfAbsent(back.leaseUntil(), lease -> new ArrayList<>()).add(back.delivery().id());
        }
        byLease.forEach((leaseUntil, ids) -> queue.release(ids, leaseUntil, now));
    }

    /** Records what finished and gives back what lapsed, in a transaction of its own (while draining). */
    private int settle() {
        collect();
        if (unrecorded.isEmpty() && unreleased.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        List<DeliveryOutcome> outcomes = outcomes(now);
        List<WebhookId> disabled = transactions.inTransaction(() -> {
            giveBack(now);
            return outcomes.isEmpty() ? List.<WebhookId>of() : queue.record(outcomes, now.minus(settings.disableAfter()));
        });
        int settled = settled(outcomes, disabled);
        forgetIdle();
        return settled;
    }

    /**
     * After the transaction that recorded {@code outcomes} (and gave back what lapsed) committed: frees what they
     * held. On a database error it is never reached, and both stay for the next turn, so none is lost.
     */
    private int settled(List<DeliveryOutcome> outcomes, List<WebhookId> disabled) {
        outcomes.forEach(outcome -> metrics.attemptFinished(outcome.status(), outcome.attempt().duration()));
        List<WebhookId> freed = new ArrayList<>(unrecorded.size() + unreleased.size());
        for (Finished done : unrecorded) {
            WebhookId webhookId = done.delivery().webhookId();
            double took = done.attempt().duration().toNanos() / 1e6;
            paceMillis.merge(webhookId, took, (pace, latest) -> pace + PACE_WEIGHT * (latest - pace));
            freed.add(webhookId);
        }
        unreleased.forEach(back -> freed.add(back.delivery().webhookId()));
        freed.forEach(webhookId -> release(heldPerWebhook, webhookId));
        int count = unrecorded.size();
        unrecorded.clear();
        unreleased.clear();
        if (!disabled.isEmpty()) {
            LOG.warning(() -> "Disabled webhooks without any 2xx for " + settings.disableAfter() + ": " + disabled);
        }
        return count;
    }

    private DeliveryOutcome outcome(Finished done, Instant now) {
        ClaimedDelivery delivery = done.delivery();
        Attempt attempt = done.attempt();
        int attempts = delivery.attempts() + 1;
        if (attempt.succeeded()) {
            return new DeliveryOutcome(delivery.id(), delivery.webhookId(), attempt, attempts, DeliveryStatus.SUCCEEDED, null);
        }
        Instant ended = attempt.at().plus(attempt.duration());
        Optional<Instant> retry = settings.retrySchedule().nextAttempt(attempts - delivery.scheduleStart(), ended,
                attempt.retryAfter());
        return retry.map(at -> new DeliveryOutcome(delivery.id(), delivery.webhookId(), attempt, attempts,
                        DeliveryStatus.RETRYING, at))
                .orElseGet(() -> new DeliveryOutcome(delivery.id(), delivery.webhookId(), attempt, attempts,
                        DeliveryStatus.FAILED, null));
    }

    @Override
    public int inFlight() {
        return heldInAll();
    }

    @Override
    public void drain(Duration timeout) {
        draining = true;
        // what waits for a slot is not started any more: it goes back at once, for any instance to send
        for (Lane lane : lanes.values()) {
            synchronized (lane) {
                lapsed.addAll(lane.waiting);
                lane.waiting.clear();
            }
        }
        Instant deadline = clock.instant().plus(timeout);
        while (heldInAll() > 0 && clock.instant().isBefore(deadline)) {
            try {
                settle();
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not record finished attempts while draining; retrying", e);
            }
        }
        try {
            settle();
        } catch (RuntimeException e) {
            // their leases expire and another instance (or the next start) sends them again
            LOG.log(Level.WARNING, "Could not record the last attempts before stopping", e);
        }
    }
}
