package io.basehook.application.port.in;

import io.basehook.domain.webhook.Webhook;

/** Changes a webhook; enabled=true revives an auto-disabled one. Configuration: no event. */
public interface UpdateWebhookUseCase {

    Webhook updateWebhook(UpdateWebhookCommand command);
}
