package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.delivery.DeliveryStatus;
import io.basehook.domain.webhook.WebhookId;

/** A webhook's deliveries, newest first, optionally of one status; without their attempts. */
public interface ListDeliveriesUseCase {

    DeliveryPage listDeliveries(Actor actor, BaseId baseId, WebhookId webhookId, DeliveryStatus status, String cursor, int limit);
}
