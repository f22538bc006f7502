package io.basehook.domain.delivery;

import io.basehook.domain.row.EventId;
import io.basehook.domain.webhook.WebhookSecret;
import io.basehook.domain.webhook.WebhookUrl;

import java.util.List;
import java.util.Objects;

/**
 * One message for a webhook.
 *
 * @param target   where the webhook receives
 * @param eventId  the message's id, the same on every attempt and redelivery, so receivers can drop repeats
 * @param payload  the exact body; it is signed as these bytes (UTF-8)
 * @param secrets  the secrets that sign it, the current one first (two during a rotation)
 */
public record WebhookMessage(WebhookUrl target, EventId eventId, String payload, List<WebhookSecret> secrets) {

    public WebhookMessage {
        Objects.requireNonNull(target);
        Objects.requireNonNull(eventId);
        Objects.requireNonNull(payload);
        secrets = List.copyOf(secrets);
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a webhook message is signed with at least one secret");
        }
    }
}
