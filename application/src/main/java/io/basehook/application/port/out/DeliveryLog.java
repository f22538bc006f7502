package io.basehook.application.port.out;

import io.basehook.domain.delivery.Delivery;
import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.delivery.DeliveryStatus;
import io.basehook.domain.webhook.WebhookId;

import java.time.Instant;
import java.util.Optional;

/** The delivery log of a webhook, and manual redelivery. */
public interface DeliveryLog {

    /**
     * A webhook's deliveries, newest first, without their attempts. An entry has no free text (ids, a status, times),
     * so {@code limit} bounds the page's bytes too: a few hundred bytes each.
     *
     * A delivery claimed or handed off whose lease runs past {@code now} is {@link DeliveryStatus#SENDING}, with no
     * next attempt; once its answer is recorded or it is released, or its lease is over, it shows as stored again.
     *
     * @param status null for every status
     * @param cursor null for the first page; a malformed one is {@code invalid_cursor}
     */
    Page page(WebhookId webhookId, DeliveryStatus status, String cursor, int limit, Instant now);

    /**
     * One delivery of the webhook with its attempts, oldest first: every one, unless redeliveries made the log longer
     * than {@code maxBytes} of stored headers, bodies and errors; then the newest that start within it (at least one).
     * Its status at {@code now} as {@link #page} shows it.
     */
    Optional<Delivery> find(WebhookId webhookId, DeliveryId id, long maxBytes, Instant now);

    /**
     * Makes the delivery due now with a fresh retry schedule (its attempt log stays). Same event, same
     * {@code webhook-id}.
     *
     * @return whether the webhook has that delivery
     */
    boolean redeliver(WebhookId webhookId, DeliveryId id, Instant now);

    /** A page of deliveries and the opaque cursor of the next one (null on the last page). */
    record Page(java.util.List<Delivery> deliveries, String nextCursor) {
        public Page {
            deliveries = java.util.List.copyOf(deliveries);
        }
    }
}
