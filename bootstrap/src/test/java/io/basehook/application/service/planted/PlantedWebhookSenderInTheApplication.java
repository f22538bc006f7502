package io.basehook.application.service.planted;

import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.delivery.WebhookMessage;
import io.basehook.domain.delivery.WebhookPort;

import java.util.concurrent.CompletableFuture;

/** A planted violation of WEBHOOK_PORT_IN_THE_DOMAIN (test sources only): the application sending webhooks itself. */
public class PlantedWebhookSenderInTheApplication implements WebhookPort {

    @Override
    public CompletableFuture<Attempt> send(WebhookMessage message) {
        return new CompletableFuture<>();
    }
}
