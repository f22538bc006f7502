package io.basehook.application.service;

import io.basehook.application.port.in.TestWebhookUseCase;
import io.basehook.application.port.out.EventPayloadEncoder;
import io.basehook.application.port.out.WebhookRepository;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.delivery.WebhookMessage;
import io.basehook.domain.delivery.WebhookPort;
import io.basehook.domain.row.EventId;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;

import java.time.Clock;
import java.time.Instant;

/** Sends a ping now and waits for its outcome (the sender's own timeout bounds the wait). */
public final class TestWebhookService implements TestWebhookUseCase {

    private final WebhookRepository webhooks;
    private final WebhookPort sender;
    private final EventPayloadEncoder encoder;
    private final Clock clock;

    public TestWebhookService(WebhookRepository webhooks, WebhookPort sender, EventPayloadEncoder encoder, Clock clock) {
        this.webhooks = webhooks;
        this.sender = sender;
        this.encoder = encoder;
        this.clock = clock;
    }

    @Override
    public Attempt testWebhook(Actor actor, BaseId baseId, WebhookId webhookId) {
        // it makes Basehook send a request, so it takes a token that may write
        actor.requireWrite(baseId);
        Webhook webhook = WebhookLookup.webhook(webhooks, baseId, webhookId);
        Instant now = clock.instant();
        EventId eventId = EventId.at(now);
        String payload = encoder.encodePing(baseId, webhookId, eventId, now);
        return sender.send(new WebhookMessage(webhook.url(), eventId, payload, webhook.signingSecrets(now))).join();
    }
}
