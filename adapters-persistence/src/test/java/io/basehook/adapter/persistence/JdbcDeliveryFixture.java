package io.basehook.adapter.persistence;

import io.basehook.application.port.out.BaseRepository;
import io.basehook.application.port.out.ChangeEventOutbox;
import io.basehook.application.port.out.DeliveryBacklogQuery;
import io.basehook.application.port.out.DeliveryClaims;
import io.basehook.application.port.out.DeliveryLog;
import io.basehook.application.port.out.DeliveryOutcomes;
import io.basehook.application.port.out.DeliveryParking;
import io.basehook.application.port.out.DeliveryQueue;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.application.port.out.WebhookRepository;
import io.basehook.domain.base.Base;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.EventId;
import io.basehook.domain.row.OpType;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.webhook.Webhook;
import io.basehook.testkit.contract.DeliveryStoreFixture;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The delivery contracts' store on the database: {@link JdbcDeliveryQueue} (a new one per test: it remembers the
 * webhooks it saw and whether its last head was blocked) and {@link JdbcDeliveryLog}, with bases, webhooks and events
 * written through their repositories, as a content write writes them. Subclasses are
 * {@code @MicronautTest(transactional = false)}.
 */
abstract class JdbcDeliveryFixture extends DatabaseTest implements DeliveryStoreFixture {

    JdbcDeliveryQueue queue;
    @Inject
    TransactionOperations<Connection> transactionOperations;
    @Inject
    JdbcConnections jdbc;
    @Inject
    DeliveryLog deliveryLog;
    @Inject
    WebhookRepository webhooks;
    @Inject
    BaseRepository bases;
    @Inject
    ChangeEventOutbox outbox;
    @Inject
    TransactionRunner transactions;

    /** The queue is global: other test classes leave their deliveries behind. */
    @Override
    public void startEmpty() {
        queue = new JdbcDeliveryQueue(transactionOperations, jdbc);
        jdbc.run(connection -> {
            try (Statement delete = connection.createStatement()) {
                return delete.executeUpdate("DELETE FROM bh_delivery");
            }
        });
    }

    @Override
    public DeliveryQueue queue() {
        return queue;
    }

    @Override
    public DeliveryClaims claims() {
        return queue;
    }

    @Override
    public DeliveryOutcomes outcomes() {
        return queue;
    }

    @Override
    public DeliveryParking parking() {
        return queue;
    }

    @Override
    public DeliveryBacklogQuery backlogQuery() {
        return queue;
    }

    @Override
    public DeliveryLog log() {
        return deliveryLog;
    }

    @Override
    public BaseId newBase() {
        Base base = Base.create("Deliveries", T0);
        bases.insert(base);
        return base.id();
    }

    @Override
    public Webhook newWebhook(BaseId baseId, boolean enabled) {
        Webhook webhook = Fixtures.webhook(baseId, enabled);
        inBaseLock(baseId, () -> webhooks.insert(webhook));
        return webhook;
    }

    @Override
    public void setEnabled(Webhook webhook, boolean enabled) {
        inBaseLock(webhook.baseId(), () -> {
            Webhook stored = webhooks.lockById(webhook.baseId(), webhook.id()).orElseThrow();
            stored.change(null, null, enabled, T0);
            webhooks.update(stored);
        });
    }

    @Override
    public void markFailingSince(Webhook webhook, Instant since) {
        inBaseLock(webhook.baseId(), () -> {
            Webhook stored = webhooks.lockById(webhook.baseId(), webhook.id()).orElseThrow();
            webhooks.update(Webhook.restore(stored.id(), stored.baseId(), stored.url(), stored.description(),
                    stored.enabled(), stored.autoDisabled(), stored.secret(), null, null, since, stored.createdAt(),
                    stored.updatedAt()));
        });
    }

    @Override
    public Webhook stored(Webhook webhook) {
        return webhooks.findById(webhook.baseId(), webhook.id()).orElseThrow();
    }

    @Override
    public List<StoredEvent> appendEvents(BaseId baseId, OpType type, List<String> payloads) {
        return transactions.inTransaction(() -> {
            bases.lockById(baseId).orElseThrow();
            long first = outbox.reserveSeqs(baseId, payloads.size());
            List<StoredEvent> events = new ArrayList<>();
            for (int i = 0; i < payloads.size(); i++) {
                events.add(new StoredEvent(baseId, first + i, EventId.at(T0), type, T0, payloads.get(i)));
            }
            outbox.append(events);
            return events;
        });
    }

    /** A change of a webhook, with its base locked as every change of one is. */
    private void inBaseLock(BaseId baseId, Runnable change) {
        transactions.inTransaction(() -> {
            bases.lockById(baseId).orElseThrow();
            change.run();
            return null;
        });
    }
}
