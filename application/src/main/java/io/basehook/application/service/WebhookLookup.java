package io.basehook.application.service;

import io.basehook.application.port.out.WebhookRepository;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;

/** Loads a base's webhook or answers "not found" in the one way every webhook use case does. */
final class WebhookLookup {

    private WebhookLookup() {
    }

    static Webhook webhook(WebhookRepository webhooks, BaseId baseId, WebhookId id) {
        return webhooks.findById(baseId, id)
                .orElseThrow(() -> notFound(id));
    }

    /** The webhook, locked for the rest of the transaction: every change of a webhook starts here. */
    static Webhook locked(WebhookRepository webhooks, BaseId baseId, WebhookId id) {
        return webhooks.lockById(baseId, id).orElseThrow(() -> notFound(id));
    }

    private static BasehookException notFound(WebhookId id) {
        return BasehookException.notFound("webhook_not_found", "no webhook with id " + id);
    }
}
