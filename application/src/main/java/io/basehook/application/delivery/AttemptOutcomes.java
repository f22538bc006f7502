package io.basehook.application.delivery;

import io.basehook.application.port.out.ClaimedDelivery;
import io.basehook.application.port.out.DeliveryMetrics;
import io.basehook.application.port.out.DeliveryOutcome;
import io.basehook.application.port.out.DeliveryOutcomes;
import io.basehook.application.port.out.DeliveryParking;
import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.delivery.DeliveryStatus;
import io.basehook.domain.webhook.WebhookId;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What finished attempts come to: each outcome with its retry schedule, recorded in the turn's transaction; then,
 * once committed, the webhooks' health, and the parking of what is due of webhooks it disabled.
 */
final class AttemptOutcomes {

    // the JDK's own logging facade: the application names no framework, and bootstrap routes it to SLF4J
    private static final System.Logger LOG = System.getLogger(DeliveryEngine.class.getName());

    private final DeliveryOutcomes outcomeLog;
    private final DeliveryParking parking;
    private final DeliveryMetrics metrics;
    private final DeliverySettings settings;
    private final Clock clock;

    AttemptOutcomes(DeliveryOutcomes outcomeLog, DeliveryParking parking, DeliveryMetrics metrics,
                    DeliverySettings settings, Clock clock) {
        this.outcomeLog = outcomeLog;
        this.parking = parking;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
    }

    /** The outcomes of the finished attempts, as of {@code now}. */
    List<DeliveryOutcome> of(List<FinishedAttempt> finished, Instant now) {
        List<DeliveryOutcome> outcomes = new ArrayList<>(finished.size());
        for (FinishedAttempt done : finished) {
            outcomes.add(outcome(done, now));
        }
        return outcomes;
    }

    /** In the turn's transaction. */
    void record(List<DeliveryOutcome> outcomes) {
        if (!outcomes.isEmpty()) {
            outcomeLog.record(outcomes);
        }
    }

    /**
     * After the outcomes' record committed: the webhooks' health, and the auto-disable of those failing too long,
     * which lock their bases and so must not run inside the turn. A failure here loses no outcome: the health of a
     * webhook is read again from its next batch (a failing endpoint is then seen as failing from that batch on).
     *
     * @return the webhooks it disabled
     */
    List<WebhookId> recordHealth(List<DeliveryOutcome> outcomes, Instant now) {
        if (outcomes.isEmpty()) {
            return List.of();
        }
        try {
            return outcomeLog.recordHealth(outcomes, now.minus(settings.disableAfter()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "Could not record the health of the webhooks of " + outcomes.size()
                    + " outcomes; their next outcomes will", e);
            return List.of();
        }
    }

    /** After the outcomes' record committed: counts their attempts. */
    void counted(List<DeliveryOutcome> outcomes) {
        outcomes.forEach(outcome -> metrics.attemptFinished(outcome.status(), outcome.attempt().duration()));
    }

    /**
     * What is due of webhooks just disabled is parked at once rather than by the claims, a turn's worth at a time
     * (see {@link DeliveryParking#parkDue}). If that fails, the claims still park it as they meet it.
     */
    void parkDisabled(List<WebhookId> disabled) {
        if (disabled.isEmpty()) {
            return;
        }
        LOG.log(Level.WARNING, () -> "Disabled webhooks without any 2xx for " + settings.disableAfter() + ": "
                + disabled);
        Instant now = clock.instant();
        for (WebhookId webhookId : disabled) {
            try {
                parking.parkDue(webhookId, now);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, () -> "Could not park the due deliveries of disabled webhook " + webhookId
                        + "; the claims park them as they come", e);
            }
        }
    }

    private DeliveryOutcome outcome(FinishedAttempt done, Instant now) {
        ClaimedDelivery delivery = done.delivery();
        Attempt attempt = done.attempt();
        int attempts = delivery.attempts() + 1;
        if (attempt.succeeded()) {
            return new DeliveryOutcome(delivery.id(), delivery.webhookId(), attempt, attempts,
                    DeliveryStatus.SUCCEEDED, null);
        }
        Instant ended = attempt.at().plus(attempt.duration());
        Optional<Instant> retry = settings.retrySchedule().nextAttempt(attempts - delivery.scheduleStart(), ended,
                attempt.retryAfter());
        return retry.map(at -> new DeliveryOutcome(delivery.id(), delivery.webhookId(), attempt, attempts,
                        DeliveryStatus.RETRYING, at))
                .orElseGet(() -> new DeliveryOutcome(delivery.id(), delivery.webhookId(), attempt, attempts,
                        DeliveryStatus.FAILED, null));
    }
}
