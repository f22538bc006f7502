package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.webhook.WebhookId;

import java.util.Objects;

/** A change of a webhook: each of {@code url}, {@code description}, {@code enabled} is null when it stays. */
public record UpdateWebhookCommand(Actor actor, BaseId baseId, WebhookId webhookId, String url, String description,
                                   Boolean enabled) {
    public UpdateWebhookCommand {
        Objects.requireNonNull(actor);
        Objects.requireNonNull(baseId);
        Objects.requireNonNull(webhookId);
    }
}
