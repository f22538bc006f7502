package io.basehook.application.port.out;

import io.basehook.domain.webhook.WebhookId;

import java.time.Instant;
import java.util.List;

/**
 * Where the engine records what its attempts did: the delivery log, each delivery's new state, each webhook's
 * health.
 */
public interface DeliveryOutcomes {

    /**
     * In the caller's transaction (or its own without one): logs each attempt and moves each delivery to its new
     * status. An outcome whose attempt count is not ahead of the stored one (recorded already, or by another
     * instance after its lease ran out) changes nothing: the first record stands.
     */
    void record(List<DeliveryOutcome> outcomes);

    /**
     * After the outcomes' {@link #record} committed, outside any transaction: keeps each webhook's health
     * ({@code failingSince} cleared by a 2xx, set by the first failure after one), then disables, as auto-disabled,
     * every enabled webhook failing since before {@code disableFailingSince}. A change of a webhook holds its base's
     * lock like every other, which a transaction that holds deliveries locked must not wait for; so this runs in a
     * transaction of its own, and only where something changes.
     *
     * @return the ids of the webhooks it auto-disabled
     */
    List<WebhookId> recordHealth(List<DeliveryOutcome> outcomes, Instant disableFailingSince);
}
