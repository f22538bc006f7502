package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.webhook.WebhookId;
import io.basehook.domain.webhook.WebhookSecret;

/** Issues a new secret; the old one still signs for 24 h. Configuration: no event. */
public interface RotateWebhookSecretUseCase {

    WebhookSecret rotateWebhookSecret(Actor actor, BaseId baseId, WebhookId webhookId);
}
