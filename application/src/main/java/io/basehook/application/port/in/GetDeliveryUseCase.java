package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.delivery.Delivery;
import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.webhook.WebhookId;

/** One delivery with every attempt. */
public interface GetDeliveryUseCase {

    Delivery getDelivery(Actor actor, BaseId baseId, WebhookId webhookId, DeliveryId deliveryId);
}
