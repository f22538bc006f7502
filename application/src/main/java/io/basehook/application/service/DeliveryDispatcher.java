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
 * on the sender's threads and only hand their result over. A turn is one transaction: it records what finished
 * and claims what is due, and only after it committed does it send.
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

    /** What one turn's transaction did: webhooks it auto-disabled, deliveries it claimed. */
    private record Turn(List<WebhookId> disabled, List<ClaimedDelivery> claimed) {
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
    private final AtomicInteger inFlight = new AtomicInteger();
    // touched by the loop thread only
    private final Map<WebhookId, Integer> busy = new HashMap<>();
    private final List<Finished> unrecorded = new ArrayList<>();
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
        collectFinished();
        if (draining) {
            return recordFinished();
        }
        // slots of attempts recorded in this turn are free for its claim
        int capacity = Math.min(settings.claimBatch(), settings.maxInFlight() - inFlight.get() + unrecorded.size());
        Map<WebhookId, Integer> busyAfterRecord = busyAfterRecord();
        Instant now = clock.instant();
        List<DeliveryOutcome> outcomes = outcomes(now);
        Turn turn = transactions.inTransaction(() -> new Turn(
                outcomes.isEmpty() ? List.of() : queue.record(outcomes, now.minus(settings.disableAfter())),
                capacity <= 0 ? List.of() : queue.claim(capacity, settings.maxInFlightPerWebhook(), busyAfterRecord,
                        now, now.plus(settings.lease()))));
        int recorded = recorded(outcomes, turn.disabled());
        List<ClaimedDelivery> claimed = turn.claimed();
        claimedFullBatch = capacity > 0 && claimed.size() == capacity && capacity == settings.claimBatch();
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

    @Override
    public boolean moreDue() {
        return claimedFullBatch;
    }

    /** Requests in flight per webhook once this turn's finished attempts are recorded. */
    private Map<WebhookId, Integer> busyAfterRecord() {
        Map<WebhookId, Integer> after = new HashMap<>(busy);
        for (Finished done : unrecorded) {
            release(after, done.delivery().webhookId());
        }
        return Map.copyOf(after);
    }

    /** One request fewer in flight to the webhook; none left removes it. */
    private static void release(Map<WebhookId, Integer> inFlightPerWebhook, WebhookId webhookId) {
        inFlightPerWebhook.computeIfPresent(webhookId, (id, count) -> count > 1 ? count - 1 : null);
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

    private void collectFinished() {
        Finished next;
        while ((next = finished.poll()) != null) {
            unrecorded.add(next);
        }
    }

    private List<DeliveryOutcome> outcomes(Instant now) {
        List<DeliveryOutcome> outcomes = new ArrayList<>(unrecorded.size());
        for (Finished done : unrecorded) {
            outcomes.add(outcome(done, now));
        }
        return outcomes;
    }

    /** Records what finished, in a transaction of its own (while draining, nothing is claimed). */
    private int recordFinished() {
        collectFinished();
        if (unrecorded.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        List<DeliveryOutcome> outcomes = outcomes(now);
        List<WebhookId> disabled = transactions.inTransaction(
                () -> queue.record(outcomes, now.minus(settings.disableAfter())));
        return recorded(outcomes, disabled);
    }

    /**
     * After the transaction that recorded {@code outcomes} committed: frees their slots. On a database error
     * it is never reached, and the outcomes stay for the next turn, so none is lost.
     */
    private int recorded(List<DeliveryOutcome> outcomes, List<WebhookId> disabled) {
        if (outcomes.isEmpty()) {
            return 0;
        }
        outcomes.forEach(outcome -> metrics.attemptFinished(outcome.status(), outcome.attempt().duration()));
        for (Finished done : unrecorded) {
            release(busy, done.delivery().webhookId());
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
