package io.basehook.application.service;

import io.basehook.application.lookup.Lookup;
import io.basehook.application.port.in.ListWebhooksUseCase;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.application.port.out.WebhookRepository;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.webhook.Webhook;

import java.util.List;

public final class ListWebhooksService implements ListWebhooksUseCase {

    private final Lookup lookup;
    private final WebhookRepository webhooks;
    private final TransactionRunner transactions;

    public ListWebhooksService(Lookup lookup, WebhookRepository webhooks, TransactionRunner transactions) {
        this.lookup = lookup;
        this.webhooks = webhooks;
        this.transactions = transactions;
    }

    @Override
    public List<Webhook> listWebhooks(Actor actor, BaseId baseId) {
        actor.requireRead(baseId);
        return transactions.readOnly(() -> {
            lookup.base(baseId);
            return webhooks.findByBase(baseId);
        });
    }
}
