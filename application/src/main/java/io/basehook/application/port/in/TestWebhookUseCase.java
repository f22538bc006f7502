package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.webhook.WebhookId;

/** Sends a {@code ping} to the webhook now and answers the attempt's outcome; records no delivery. */
public interface TestWebhookUseCase {

    Attempt testWebhook(Actor actor, BaseId baseId, WebhookId webhookId);
}
