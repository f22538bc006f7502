package io.basehook.application.service;

import io.basehook.application.port.in.DeliverWebhooksUseCase;
import io.basehook.application.port.out.ClaimedDelivery;
import io.basehook.application.port.out.DeliveryMetrics;
import io.basehook.application.port.out.DeliveryOutcome;
import io.basehook.application.port.out.DeliveryQueue;
import io.basehook.application.port.out.DeliveryWakeup;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The delivery engine: claims due deliveries in batches, sends each without holding a thread, and records the
 * outcomes in batches with their retry schedule. One loop thread calls {@link #deliverDue()}; attempts finish
 * on the sender's threads and only hand their result over.
 */
public final class DeliveryDispatcher implements DeliverWebhooksUseCase {

    private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class.getName());

    /** As the log shows it: a parked delivery has nothing scheduled until its webhook is enabled again. */
    static Delivery shown(Delivery delivery) {
        Instant next = delivery.nextAttemptAt();
        return next == null || next.isBefore(DeliveryQueue.PARKED) ? delivery : new Delivery(delivery.id(), delivery.webhookId(),
                delivery.baseId(), delivery.seq(), delivery.eventId(), delivery.eventType(), delivery.status(),
                delivery.attempts(), delivery.createdAt(), null, delivery.attemptLog());
    }

    private record Finished(ClaimedDelivery delivery, Attempt attempt) {
    }

    private final DeliveryQueue queue;
    private final WebhookRepository webhooks;
    private final WebhookPort sender;
    private final DeliveryWakeup wakeup;
    private final DeliveryMetrics metrics;
    private final DeliverySettings settings;
    private final Clock clock;

    private final Queue<Finished> finished = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    // touched by the loop thread only
    private final Map<WebhookId, Integer> busy = new HashMap<>();
    private final List<Finished> unrecorded = new ArrayList<>();
    private volatile boolean draining;

    public DeliveryDispatcher(DeliveryQueue queue, WebhookRepository webhooks, WebhookPort sender,
                              DeliveryWakeup wakeup, DeliveryMetrics metrics, DeliverySettings settings, Clock clock) {
        this.queue = queue;
        this.webhooks = webhooks;
        this.sender = sender;
        this.wakeup = wakeup;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public int deliverDue() {
        int recorded = recordFinished();
        if (draining) {
            return recorded;
        }
        int capacity = Math.min(settings.claimBatch(), settings.maxInFlight() - inFlight.get());
        if (capacity <= 0) {
            return recorded;
        }
        Instant now = clock.instant();
        List<ClaimedDelivery> claimed = queue.claim(capacity, settings.maxInFlightPerWebhook(), Map.copyOf(busy), now,
                now.plus(settings.lease()));
        if (claimed.isEmpty()) {
            return recorded;
        }
        LinkedHashSet<WebhookId> ids = new LinkedHashSet<>();
        claimed.forEach(delivery -> ids.add(delivery.webhookId()));
        Map<WebhookId, Webhook> targets = webhooks.findByIds(ids);
        List<DeliveryId> parked = new ArrayList<>();
        for (ClaimedDelivery delivery : claimed) {
            Webhook webhook = targets.get(delivery.webhookId());
            if (webhook == null) {
                continue; // deleted since: its deliveries went with it
            }
            if (!webhook.enabled()) {
                parked.add(delivery.id());
                continue;
            }
            start(delivery, webhook, now);
        }
        if (!parked.isEmpty()) {
            queue.park(parked, DeliveryQueue.PARKED);
        }
        return recorded + claimed.size();
    }

    private void start(ClaimedDelivery delivery, Webhook webhook, Instant now) {
        busy.merge(delivery.webhookId(), 1, Integer::sum);
        inFlight.incrementAndGet();
        CompletableFuture<Attempt> sending;
        try {
            sending = sender.send(webhook.url(), delivery.eventId(), delivery.payload(), webhook.signingSecrets(now));
        } catch (RuntimeException e) {
            // a send that throws instead of answering would otherwise hold its slot forever
            sending = CompletableFuture.failedFuture(e);
        }
        sending.whenComplete((attempt, error) -> {
            Attempt outcome = attempt != null ? attempt : Attempt.failed(now, Duration.between(now, clock.instant()),
                    Map.of(), AttemptError.CONNECTION_FAILED, String.valueOf(error));
            finished.add(new Finished(delivery, outcome));
            wakeup.wake();
        });
    }

    /** Records what finished; on a database error keeps it for the next turn, so no outcome is lost. */
    private int recordFinished() {
        Finished next;
        while ((next = finished.poll()) != null) {
            unrecorded.add(next);
        }
        if (unrecorded.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        List<DeliveryOutcome> outcomes = new ArrayList<>(unrecorded.size());
        for (Finished done : unrecorded) {
            outcomes.add(outcome(done, now));
        }
        List<WebhookId> disabled = queue.record(outcomes, now.minus(settings.disableAfter()));
        outcomes.forEach(outcome -> metrics.attemptFinished(outcome.status(), outcome.attempt().duration()));
        for (Finished done : unrecorded) {
            busy.computeIfPresent(done.delivery().webhookId(), (id, count) -> count > 1 ? count - 1 : null);
            inFlight.decrementAndGet();
        }
        int count = unrecorded.size();
        unrecorded.clear();
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
        return inFlight.get();
    }

    @Override
    public void drain(Duration timeout) {
        draining = true;
        Instant deadline = clock.instant().plus(timeout);
        while (inFlight.get() > 0 && clock.instant().isBefore(deadline)) {
            try {
                recordFinished();
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not record finished attempts while draining; retrying", e);
            }
        }
        try {
            recordFinished();
        } catch (RuntimeException e) {
            // their leases expire and another instance (or the next start) sends them again
            LOG.log(Level.WARNING, "Could not record the last attempts before stopping", e);
        }
    }
}
