package io.basehook.application.service;

import io.basehook.application.port.in.DeliveryPage;
import io.basehook.application.port.in.ListDeliveriesUseCase;
import io.basehook.application.port.out.DeliveryLog;
import io.basehook.application.port.out.WebhookRepository;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.delivery.DeliveryStatus;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.webhook.WebhookId;

import java.time.Clock;

public final class ListDeliveriesService implements ListDeliveriesUseCase {

    private final WebhookRepository webhooks;
    private final DeliveryLog log;
    private final Limits limits;
    private final Clock clock;

    public ListDeliveriesService(WebhookRepository webhooks, DeliveryLog log, Limits limits, Clock clock) {
        this.webhooks = webhooks;
        this.log = log;
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public DeliveryPage listDeliveries(Actor actor, BaseId baseId, WebhookId webhookId, DeliveryStatus status,
                                      String cursor, int limit) {
        actor.requireRead(baseId);
        if (limit < 1 || limit > limits.maxPageSize()) {
            throw BasehookException.invalid("invalid_limit", "limit", "limit must be between 1 and " + limits.maxPageSize());
        }
        WebhookLookup.webhook(webhooks, baseId, webhookId);
        DeliveryLog.Page page = log.page(webhookId, status, cursor == null || cursor.isEmpty() ? null : cursor, limit,
                clock.instant());
        return new DeliveryPage(page.deliveries(), page.nextCursor());
    }
}
