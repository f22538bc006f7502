package io.basehook.application.service;

import io.basehook.application.lookup.Lookup;
import io.basehook.application.delivery.DeliveryHandoff;
import io.basehook.application.port.in.UpdateWebhookCommand;
import io.basehook.application.port.in.UpdateWebhookUseCase;
import io.basehook.application.port.out.DeliveryParking;
import io.basehook.application.port.out.DeliveryWakeup;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.application.port.out.WebhookRepository;
import io.basehook.application.port.out.WebhookTargetPolicy;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;
import io.basehook.domain.webhook.WebhookUrl;

import java.time.Clock;
import java.time.Instant;

public final class UpdateWebhookService implements UpdateWebhookUseCase {

    private final Lookup lookup;
    private final WebhookRepository webhooks;
    private final DeliveryParking deliveries;
    private final WebhookTargetPolicy targets;
    private final TransactionRunner transactions;
    private final DeliveryWakeup wakeup;
    private final Clock clock;
    private final DeliveryHandoff handoff;

    public UpdateWebhookService(Lookup lookup, WebhookRepository webhooks, DeliveryParking deliveries,
                                WebhookTargetPolicy targets, TransactionRunner transactions, DeliveryWakeup wakeup,
                                Clock clock) {
        this(lookup, webhooks, deliveries, targets, transactions, wakeup, clock, DeliveryHandoff.NONE);
    }

    public UpdateWebhookService(Lookup lookup, WebhookRepository webhooks, DeliveryParking deliveries,
                                WebhookTargetPolicy targets, TransactionRunner transactions, DeliveryWakeup wakeup,
                                Clock clock, DeliveryHandoff handoff) {
        this.handoff = handoff;
        this.lookup = lookup;
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.targets = targets;
        this.transactions = transactions;
        this.wakeup = wakeup;
        this.clock = clock;
    }

    @Override
    public Webhook updateWebhook(UpdateWebhookCommand command) {
        command.actor().requireWrite(command.baseId());
        WebhookUrl url = command.url() == null ? null : WebhookUrl.supplied(command.url());
        if (url != null) {
            targets.requireAllowed(url);
        }
        return transactions.inTransaction(() -> {
            lookup.lockedBase(command.baseId());
            Webhook webhook = WebhookLookup.locked(webhooks, command.baseId(), command.webhookId());
            boolean wasEnabled = webhook.enabled();
            Instant now = clock.instant();
            webhook.change(url, command.description(), command.enabled(), now);
            webhooks.update(webhook);
            if (!wasEnabled && webhook.enabled()) {
                // deliveries held back while it was disabled go out again
                deliveries.resume(webhook.id(), now);
                // a write that takes the base lock after this commit must not hand off past them
                Runnable ended = handoff.dueInDatabase(webhook.id());
                transactions.afterRollback(ended);
                transactions.afterCommit(() -> {
                    ended.run();
                    wakeup.wake();
                });
            } else if (wasEnabled && !webhook.enabled()) {
                // what is due of it now is parked at once, after the commit and outside the base lock (claims
                // would park it a turn's worth at a time, and until then it fills the head of the due index); a
                // failure leaves that to the claims, so the disable stands either way
                WebhookId id = webhook.id();
                transactions.afterCommit(() -> deliveries.parkDue(id, now));
            }
            return webhook;
        });
    }
}
