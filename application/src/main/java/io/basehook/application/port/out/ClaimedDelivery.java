package io.basehook.application.port.out;

import io.basehook.domain.base.BaseId;
import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.row.EventId;
import io.basehook.domain.webhook.WebhookId;

import java.util.Objects;

/**
 * A delivery leased to this instance, with the exact payload bytes of its event.
 *
 * @param attempts      attempts made so far, in all
 * @param scheduleStart attempts made before its last redelivery: the retry schedule counts from there
 */
public record ClaimedDelivery(DeliveryId id, WebhookId webhookId, BaseId baseId, long seq, EventId eventId,
                              int attempts, int scheduleStart, String payload) {
    public ClaimedDelivery {
        Objects.requireNonNull(id);
        Objects.requireNonNull(webhookId);
        Objects.requireNonNull(baseId);
        Objects.requireNonNull(eventId);
        Objects.requireNonNull(payload);
    }
}
