package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;

/** One webhook of a base. */
public interface GetWebhookUseCase {

    Webhook getWebhook(Actor actor, BaseId baseId, WebhookId webhookId);
}
