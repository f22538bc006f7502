package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.webhook.WebhookId;

/** Deletes a webhook and its deliveries. Configuration: no event. */
public interface DeleteWebhookUseCase {

    void deleteWebhook(Actor actor, BaseId baseId, WebhookId webhookId);
}
