package io.basehook.application.service;

import io.basehook.application.lookup.Lookup;
import io.basehook.application.port.in.RotateWebhookSecretUseCase;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.application.port.out.WebhookRepository;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;
import io.basehook.domain.webhook.WebhookSecret;

import java.time.Clock;

public final class RotateWebhookSecretService implements RotateWebhookSecretUseCase {

    private final Lookup lookup;
    private final WebhookRepository webhooks;
    private final TransactionRunner transactions;
    private final Clock clock;

    public RotateWebhookSecretService(Lookup lookup, WebhookRepository webhooks, TransactionRunner transactions,
                                      Clock clock) {
        this.lookup = lookup;
        this.webhooks = webhooks;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public WebhookSecret rotateWebhookSecret(Actor actor, BaseId baseId, WebhookId webhookId) {
        actor.requireWrite(baseId);
        return transactions.inTransaction(() -> {
            // like every change of a webhook: the base first, so a write's base lock and this never wait in a ring
            lookup.lockedBase(baseId);
            Webhook webhook = WebhookLookup.locked(webhooks, baseId, webhookId);
            WebhookSecret secret = webhook.rotateSecret(clock.instant());
            webhooks.update(webhook);
            return secret;
        });
    }
}
