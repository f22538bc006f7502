package io.basehook.application.service;

import io.basehook.application.port.in.GetWebhookUseCase;
import io.basehook.application.port.out.WebhookRepository;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;

public final class GetWebhookService implements GetWebhookUseCase {

    private final WebhookRepository webhooks;

    public GetWebhookService(WebhookRepository webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    public Webhook getWebhook(Actor actor, BaseId baseId, WebhookId webhookId) {
        actor.requireRead(baseId);
        return WebhookLookup.webhook(webhooks, baseId, webhookId);
    }
}
