package io.basehook.domain.delivery;

import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.EventId;
import io.basehook.domain.webhook.WebhookId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One event on its way to one webhook, as the delivery log shows it, with its attempts (oldest first). */
public record Delivery(DeliveryId id, WebhookId webhookId, BaseId baseId, long seq, EventId eventId, String eventType,
                       DeliveryStatus status, int attempts, Instant createdAt, Instant nextAttemptAt,
                       List<Attempt> attemptLog) {
    public Delivery {
        Objects.requireNonNull(id);
        Objects.requireNonNull(webhookId);
        Objects.requireNonNull(baseId);
        Objects.requireNonNull(eventId);
        Objects.requireNonNull(eventType);
        Objects.requireNonNull(status);
        Objects.requireNonNull(createdAt);
        attemptLog = attemptLog == null ? List.of() : List.copyOf(attemptLog);
    }
}
