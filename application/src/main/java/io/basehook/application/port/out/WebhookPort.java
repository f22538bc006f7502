package io.basehook.application.port.out;

import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.row.EventId;
import io.basehook.domain.webhook.WebhookSecret;
import io.basehook.domain.webhook.WebhookUrl;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one signed webhook request without holding a thread while it waits, and reports the attempt. Never
 * completes exceptionally: a timeout, a refused connection or a blocked address is an {@link Attempt} too.
 */
public interface WebhookPort {

    /**
     * @param eventId  the {@code webhook-id}, the same on every attempt and redelivery
     * @param payload  the exact body; it is signed as these bytes (UTF-8)
     * @param secrets  the secrets that sign it (two during a rotation)
     */
    CompletableFuture<Attempt> send(WebhookUrl url, EventId eventId, String payload, List<WebhookSecret> secrets);
}
