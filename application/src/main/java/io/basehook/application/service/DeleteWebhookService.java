package io.basehook.application.service;

import io.basehook.application.lookup.Lookup;
import io.basehook.application.port.in.DeleteWebhookUseCase;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.application.port.out.WebhookRepository;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.webhook.WebhookId;

public final class DeleteWebhookService implements DeleteWebhookUseCase {

    private final Lookup lookup;
    private final WebhookRepository webhooks;
    private final TransactionRunner transactions;

    public DeleteWebhookService(Lookup lookup, WebhookRepository webhooks, TransactionRunner transactions) {
        this.lookup = lookup;
        this.webhooks = webhooks;
        this.transactions = transactions;
    }

    @Override
    public void deleteWebhook(Actor actor, BaseId baseId, WebhookId webhookId) {
        actor.requireWrite(baseId);
        boolean deleted = transactions.inTransaction(() -> {
            lookup.lockedBase(baseId);
            return webhooks.delete(baseId, webhookId);
        });
        if (!deleted) {
            throw BasehookException.notFound("webhook_not_found", "no webhook with id " + webhookId);
        }
    }
}
