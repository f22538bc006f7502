package io.basehook.application.port.in;

import io.basehook.domain.webhook.Webhook;

/** Registers a webhook (URL checked against the SSRF policy). Configuration: no event. */
public interface CreateWebhookUseCase {

    Webhook createWebhook(CreateWebhookCommand command);
}
