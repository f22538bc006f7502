package io.basehook.application.port.out;

import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.delivery.DeliveryStatus;
import io.basehook.domain.webhook.WebhookId;

import java.time.Instant;
import java.util.Objects;

/**
 * What one attempt did to its delivery: the attempt for the log, the delivery's new status and attempt count,
 * and when to try next (null when it is closed).
 */
public record DeliveryOutcome(DeliveryId id, WebhookId webhookId, Attempt attempt, int attempts, DeliveryStatus status,
                              Instant nextAttemptAt) {
    public DeliveryOutcome {
        Objects.requireNonNull(id);
        Objects.requireNonNull(webhookId);
        Objects.requireNonNull(attempt);
        Objects.requireNonNull(status);
        if (status.isOpen() && nextAttemptAt == null) {
            throw new IllegalArgumentException("an open delivery has a next attempt");
        }
    }
}
