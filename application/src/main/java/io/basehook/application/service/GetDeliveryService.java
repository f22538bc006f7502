package io.basehook.application.service;

import io.basehook.application.port.in.GetDeliveryUseCase;
import io.basehook.application.port.out.DeliveryLog;
import io.basehook.application.port.out.WebhookRepository;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.delivery.Delivery;
import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.webhook.WebhookId;

import java.time.Clock;

public final class GetDeliveryService implements GetDeliveryUseCase {

    private final WebhookRepository webhooks;
    private final DeliveryLog log;
    private final Limits limits;
    private final Clock clock;

    public GetDeliveryService(WebhookRepository webhooks, DeliveryLog log, Limits limits, Clock clock) {
        this.webhooks = webhooks;
        this.log = log;
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public Delivery getDelivery(Actor actor, BaseId baseId, WebhookId webhookId, DeliveryId deliveryId) {
        actor.requireRead(baseId);
        WebhookLookup.webhook(webhooks, baseId, webhookId);
        return log.find(webhookId, deliveryId, limits.maxPageBytes(), clock.instant())
                .orElseThrow(() -> BasehookException.notFound("delivery_not_found", "no delivery with id " + deliveryId));
    }
}
