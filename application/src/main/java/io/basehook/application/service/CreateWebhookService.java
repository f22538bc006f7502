package io.basehook.application.service;

import io.basehook.application.lookup.Lookup;
import io.basehook.application.port.in.CreateWebhookCommand;
import io.basehook.application.port.in.CreateWebhookUseCase;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.application.port.out.WebhookRepository;
import io.basehook.application.port.out.WebhookTargetPolicy;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookSecret;
import io.basehook.domain.webhook.WebhookUrl;

import java.time.Clock;

public final class CreateWebhookService implements CreateWebhookUseCase {

    private final Lookup lookup;
    private final WebhookRepository webhooks;
    private final WebhookTargetPolicy targets;
    private final TransactionRunner transactions;
    private final Limits limits;
    private final Clock clock;

    public CreateWebhookService(Lookup lookup, WebhookRepository webhooks, WebhookTargetPolicy targets,
                                TransactionRunner transactions, Limits limits, Clock clock) {
        this.lookup = lookup;
        this.webhooks = webhooks;
        this.targets = targets;
        this.transactions = transactions;
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public Webhook createWebhook(CreateWebhookCommand command) {
        command.actor().requireWrite(command.baseId());
        WebhookUrl url = WebhookUrl.supplied(command.url());
        WebhookSecret secret = command.secret() == null ? null : WebhookSecret.supplied(command.secret());
        targets.requireAllowed(url); // DNS is slow: resolved before the base is locked
        Webhook webhook = Webhook.create(command.baseId(), url, secret, command.description(),
                command.enabled() == null || command.enabled(), clock.instant());
        return transactions.inTransaction(() -> {
            // the base lock orders this against content commits: events committed before it are not its own
            lookup.lockedBase(command.baseId());
            if (webhooks.findByBase(command.baseId()).size() >= limits.maxWebhooksPerBase()) {
                throw BasehookException.limit("too_many_webhooks",
                        "a base has at most " + limits.maxWebhooksPerBase() + " webhooks");
            }
            webhooks.insert(webhook);
            return webhook;
        });
    }
}
