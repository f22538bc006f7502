package io.basehook.application.service;

import io.basehook.application.port.in.RedeliverUseCase;
import io.basehook.application.port.out.DeliveryLog;
import io.basehook.application.port.out.DeliveryWakeup;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.application.port.out.WebhookRepository;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.webhook.WebhookId;

import java.time.Clock;

public final class RedeliverService implements RedeliverUseCase {

    private final WebhookRepository webhooks;
    private final DeliveryLog log;
    private final TransactionRunner transactions;
    private final DeliveryWakeup wakeup;
    private final Clock clock;

    public RedeliverService(WebhookRepository webhooks, DeliveryLog log, TransactionRunner transactions,
                            DeliveryWakeup wakeup, Clock clock) {
        this.webhooks = webhooks;
        this.log = log;
        this.transactions = transactions;
        this.wakeup = wakeup;
        this.clock = clock;
    }

    @Override
    public void redeliver(Actor actor, BaseId baseId, WebhookId webhookId, DeliveryId deliveryId) {
        actor.requireWrite(baseId);
        boolean found = transactions.inTransaction(() -> {
            WebhookLookup.webhook(webhooks, baseId, webhookId);
            boolean exists = log.redeliver(webhookId, deliveryId, clock.instant());
            if (exists) {
                transactions.afterCommit(wakeup::wake);
            }
            return exists;
        });
        if (!found) {
            throw BasehookException.notFound("delivery_not_found", "no delivery with id " + deliveryId);
        }
    }
}
