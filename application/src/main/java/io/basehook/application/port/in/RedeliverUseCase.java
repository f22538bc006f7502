package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.webhook.WebhookId;

/** Sends a delivery again (same {@code webhook-id}), with a fresh retry schedule. Configuration: no new event. */
public interface RedeliverUseCase {

    void redeliver(Actor actor, BaseId baseId, WebhookId webhookId, DeliveryId deliveryId);
}
