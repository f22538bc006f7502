package io.basehook.bootstrap;

import io.basehook.application.port.in.CreateWebhookUseCase;
import io.basehook.application.port.in.DeleteWebhookUseCase;
import io.basehook.application.port.in.GetDeliveryUseCase;
import io.basehook.application.port.in.GetWebhookUseCase;
import io.basehook.application.port.in.ListDeliveriesUseCase;
import io.basehook.application.port.in.PurgeExpiredUseCase;
import io.basehook.application.port.in.ReadDeliveryBacklogUseCase;
import io.basehook.application.port.in.RedeliverUseCase;
import io.basehook.application.port.in.ListWebhooksUseCase;
import io.basehook.application.port.in.RotateWebhookSecretUseCase;
import io.basehook.application.port.in.TestWebhookUseCase;
import io.basehook.application.port.in.UpdateWebhookUseCase;
import io.basehook.application.port.out.DeliveryLog;
import io.basehook.application.port.out.DeliveryMetrics;
import io.basehook.application.port.out.DeliveryBacklogQuery;
import io.basehook.application.port.out.DeliveryClaims;
import io.basehook.application.port.out.DeliveryOutcomes;
import io.basehook.application.port.out.DeliveryParking;
import io.basehook.application.port.out.DeliveryWakeup;
import io.basehook.application.port.out.EventPayloadEncoder;
import io.basehook.application.port.out.RetentionStore;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.delivery.WebhookPort;
import io.basehook.application.port.out.WebhookRepository;
import io.basehook.application.port.out.WebhookTargetPolicy;
import io.basehook.application.service.CreateWebhookService;
import io.basehook.application.service.DeleteWebhookService;
import io.basehook.application.delivery.DeliveryEngine;
import io.basehook.application.delivery.DeliveryHandoff;
import io.basehook.application.delivery.DeliverySettings;
import io.basehook.application.service.GetDeliveryService;
import io.basehook.application.service.GetWebhookService;
import io.basehook.application.service.ListDeliveriesService;
import io.basehook.application.service.PurgeExpiredService;
import io.basehook.application.service.ReadDeliveryBacklogService;
import io.basehook.application.service.RedeliverService;
import io.basehook.application.service.Limits;
import io.basehook.application.service.ListWebhooksService;
import io.basehook.application.lookup.Lookup;
import io.basehook.application.service.RotateWebhookSecretService;
import io.basehook.application.service.TestWebhookService;
import io.basehook.application.service.UpdateWebhookService;
import io.basehook.adapter.webhook.HttpTransportConfiguration;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/** Wires webhook management and the delivery engine from configuration. */
@Factory
class WebhookFactory {

    /**
     * The engine's settings from {@code basehook.delivery.*}, and the attempt timeout from the transport that
     * enforces it. Made at start, so a lease that does not outlive the timeout stops the start.
     */
    @Context
    DeliverySettings deliverySettings(DeliveryConfiguration delivery, HttpTransportConfiguration transport) {
        Duration timeout = transport.timeout();
        // an instance that leaves sending to others (no delivery loop) must not take its writes' deliveries for
        // itself: it would send them and never record them, and another instance would send them again once their
        // lease ran out
        return new DeliverySettings(delivery.claimBatch(), delivery.maxInFlight(), delivery.maxInFlightPerWebhook(),
                Math.max(delivery.maxClaimedPerWebhook(), delivery.maxInFlightPerWebhook()), timeout,
                delivery.leaseFor(timeout), delivery.schedule(), delivery.disableAfter(),
                delivery.enabled() ? delivery.maxHandedOff() : 0, delivery.maxHeldBytes());
    }

    @Singleton
    DeliveryEngine deliverWebhooks(DeliveryClaims claims, DeliveryOutcomes outcomes, DeliveryParking parking,
                                   WebhookRepository webhooks, WebhookPort sender, DeliveryWakeup wakeup,
                                   DeliveryMetrics metrics, TransactionRunner transactions,
                                   DeliverySettings settings, Clock clock) {
        return new DeliveryEngine(claims, outcomes, parking, webhooks, sender, wakeup, metrics, transactions,
                settings, clock);
    }

    @Singleton
    PurgeExpiredUseCase purgeExpired(RetentionStore store, Clock clock, RetentionConfiguration retention) {
        return new PurgeExpiredService(store, retention.events(), retention.deliveryLogs(), clock);
    }

    @Singleton
    ReadDeliveryBacklogUseCase readDeliveryBacklog(DeliveryBacklogQuery backlog) {
        return new ReadDeliveryBacklogService(backlog);
    }

    @Singleton
    CreateWebhookUseCase createWebhook(Lookup lookup, WebhookRepository webhooks, WebhookTargetPolicy targets,
                                       TransactionRunner tx, Limits limits, Clock clock) {
        return new CreateWebhookService(lookup, webhooks, targets, tx, limits, clock);
    }

    @Singleton
    ListWebhooksUseCase listWebhooks(Lookup lookup, WebhookRepository webhooks, TransactionRunner tx) {
        return new ListWebhooksService(lookup, webhooks, tx);
    }

    @Singleton
    GetWebhookUseCase getWebhook(WebhookRepository webhooks) {
        return new GetWebhookService(webhooks);
    }

    @Singleton
    UpdateWebhookUseCase updateWebhook(Lookup lookup, WebhookRepository webhooks, DeliveryParking deliveries,
                                       WebhookTargetPolicy targets, TransactionRunner tx, DeliveryWakeup wakeup,
                                       Clock clock, DeliveryHandoff handoff) {
        return new UpdateWebhookService(lookup, webhooks, deliveries, targets, tx, wakeup, clock, handoff);
    }

    @Singleton
    DeleteWebhookUseCase deleteWebhook(Lookup lookup, WebhookRepository webhooks, TransactionRunner tx) {
        return new DeleteWebhookService(lookup, webhooks, tx);
    }

    @Singleton
    RotateWebhookSecretUseCase rotateWebhookSecret(Lookup lookup, WebhookRepository webhooks, TransactionRunner tx,
                                                   Clock clock) {
        return new RotateWebhookSecretService(lookup, webhooks, tx, clock);
    }

    @Singleton
    ListDeliveriesUseCase listDeliveries(WebhookRepository webhooks, DeliveryLog log, Limits limits, Clock clock) {
        return new ListDeliveriesService(webhooks, log, limits, clock);
    }

    @Singleton
    GetDeliveryUseCase getDelivery(WebhookRepository webhooks, DeliveryLog log, Limits limits, Clock clock) {
        return new GetDeliveryService(webhooks, log, limits, clock);
    }

    @Singleton
    RedeliverUseCase redeliver(WebhookRepository webhooks, DeliveryLog log, TransactionRunner tx, DeliveryWakeup wakeup,
                               Clock clock) {
        return new RedeliverService(webhooks, log, tx, wakeup, clock);
    }

    @Singleton
    TestWebhookUseCase testWebhook(WebhookRepository webhooks, WebhookPort sender, EventPayloadEncoder encoder,
                                   Clock clock) {
        return new TestWebhookService(webhooks, sender, encoder, clock);
    }
}
