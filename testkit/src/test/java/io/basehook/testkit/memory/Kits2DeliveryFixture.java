package io.basehook.testkit.memory;

import io.basehook.application.port.out.DeliveryBacklogQuery;
import io.basehook.application.port.out.DeliveryClaims;
import io.basehook.application.port.out.DeliveryLog;
import io.basehook.application.port.out.DeliveryOutcomes;
import io.basehook.application.port.out.DeliveryParking;
import io.basehook.application.port.out.DeliveryQueue;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.EventId;
import io.basehook.domain.row.OpType;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookUrl;
import io.basehook.testkit.contract.DeliveryStoreFixture;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link InMemoryDeliveries} over the stand-in webhook repository and outbox, new for every test: the store the
 * delivery contracts run against here.
 */
abstract class Kits2DeliveryFixture implements DeliveryStoreFixture {

    Kits2Webhooks webhooks;
    Kits2Outbox outbox;
    InMemoryDeliveries deliveries;

    @Override
    public void startEmpty() {
        webhooks = new Kits2Webhooks();
        outbox = new Kits2Outbox();
        deliveries = new InMemoryDeliveries(webhooks, outbox);
    }

    @Override
    public DeliveryQueue queue() {
        return deliveries;
    }

    @Override
    public DeliveryClaims claims() {
        return deliveries;
    }

    @Override
    public DeliveryOutcomes outcomes() {
        return deliveries;
    }

    @Override
    public DeliveryParking parking() {
        return deliveries;
    }

    @Override
    public DeliveryBacklogQuery backlogQuery() {
        return deliveries;
    }

    @Override
    public DeliveryLog log() {
        return deliveries;
    }

    @Override
    public BaseId newBase() {
        return BaseId.random();
    }

    @Override
    public Webhook newWebhook(BaseId baseId, boolean enabled) {
        Webhook webhook = Webhook.create(baseId, new WebhookUrl("https://hooks.example.com/basehook"), null, "CRM sync",
                enabled, T0);
        webhooks.insert(webhook);
        return webhook;
    }

    @Override
    public void setEnabled(Webhook webhook, boolean enabled) {
        Webhook stored = stored(webhook);
        stored.change(null, null, enabled, T0);
        webhooks.update(stored);
    }

    @Override
    public void markFailingSince(Webhook webhook, Instant since) {
        Webhook stored = stored(webhook);
        webhooks.update(Webhook.restore(stored.id(), stored.baseId(), stored.url(), stored.description(),
                stored.enabled(), stored.autoDisabled(), stored.secret(), null, null, since, stored.createdAt(),
                stored.updatedAt()));
    }

    @Override
    public Webhook stored(Webhook webhook) {
        return webhooks.findById(webhook.baseId(), webhook.id()).orElseThrow();
    }

    @Override
    public List<StoredEvent> appendEvents(BaseId baseId, OpType type, List<String> payloads) {
        long first = outbox.reserveSeqs(baseId, payloads.size());
        List<StoredEvent> events = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            events.add(new StoredEvent(baseId, first + i, EventId.at(T0), type, T0, payloads.get(i)));
        }
        outbox.append(events);
        return events;
    }
}
