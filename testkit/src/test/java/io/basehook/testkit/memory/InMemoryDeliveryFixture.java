package io.basehook.testkit.memory;

import io.basehook.application.port.out.ChangeEventOutbox;
import io.basehook.application.port.out.DeliveryBacklogQuery;
import io.basehook.application.port.out.DeliveryClaims;
import io.basehook.application.port.out.DeliveryLog;
import io.basehook.application.port.out.DeliveryOutcomes;
import io.basehook.application.port.out.DeliveryParking;
import io.basehook.application.port.out.DeliveryQueue;
import io.basehook.application.port.out.WebhookRepository;
import io.basehook.domain.base.Base;
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
 * {@link InMemoryDeliveries} as an {@link InMemoryStore} wires it, over the store's webhooks and outbox, new for every
 * test: the store the delivery contracts run against here.
 */
abstract class InMemoryDeliveryFixture implements DeliveryStoreFixture {

    InMemoryStore store;
    WebhookRepository webhooks;
    ChangeEventOutbox outbox;
    InMemoryDeliveries deliveries;

    @Override
    public void startEmpty() {
        store = new InMemoryStore();
        webhooks = store.webhooks();
        outbox = store.outbox();
        deliveries = store.deliveries();
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
        Base base = Base.create("Deliveries", T0);
        store.bases().insert(base);
        return base.id();
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
