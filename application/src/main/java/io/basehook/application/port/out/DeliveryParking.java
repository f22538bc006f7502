package io.basehook.application.port.out;

import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.webhook.WebhookId;

import java.time.Instant;
import java.util.Collection;

/** The deliveries of a disabled webhook wait, parked, until it is enabled again; then they are due at once. */
public interface DeliveryParking {

    /**
     * Holds the open deliveries of disabled webhooks back: no claim takes them, and nothing is scheduled for them,
     * until {@link #resume} makes them due again.
     */
    void park(Collection<DeliveryId> ids);

    /**
     * Parks the deliveries of a disabled webhook that are due now, at once, instead of leaving each claim to meet
     * them, lease them and park them before it gets past them to other webhooks' deliveries. Deliveries in flight
     * and later retries are left as they are: a claim parks those when they come due. It may work in short steps,
     * each committed on its own, and parks nothing once the webhook is enabled again.
     *
     * @return how many it parked
     */
    int parkDue(WebhookId webhookId, Instant now);

    /**
     * Makes every open delivery of a re-enabled webhook that is not due yet due now: the parked ones, retries
     * scheduled later, and one still leased from before the disable (ADR 0016).
     */
    void resume(WebhookId webhookId, Instant now);
}
