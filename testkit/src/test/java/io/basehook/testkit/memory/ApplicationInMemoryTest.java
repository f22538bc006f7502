package io.basehook.testkit.memory;

import io.basehook.application.delivery.ChangeRecorder;
import io.basehook.application.delivery.DeliveryEngine;
import io.basehook.application.delivery.DeliverySettings;
import io.basehook.application.port.in.CreateBaseCommand;
import io.basehook.application.port.in.CreateTableCommand;
import io.basehook.application.port.in.CreateWebhookCommand;
import io.basehook.application.port.in.InsertRowsCommand;
import io.basehook.application.port.out.DeliveryWakeup;
import io.basehook.application.port.out.EventPayloadEncoder;
import io.basehook.application.service.CreateBaseService;
import io.basehook.application.service.CreateTableService;
import io.basehook.application.service.CreateWebhookService;
import io.basehook.application.service.InsertRowsService;
import io.basehook.application.service.Limits;
import io.basehook.application.lookup.Lookup;
import io.basehook.application.write.ContentWrites;
import io.basehook.application.write.GroupCommit;
import io.basehook.application.write.TransactionPerWrite;
import io.basehook.application.write.WriteBudget;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.Base;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.delivery.DeliveryStatus;
import io.basehook.domain.delivery.RetrySchedule;
import io.basehook.domain.row.ChangeEvent;
import io.basehook.domain.row.EventId;
import io.basehook.domain.table.ColumnSpec;
import io.basehook.domain.table.ColumnType;
import io.basehook.domain.table.Table;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The application on the in-memory adapters, no database and no HTTP: the real use cases, the real write strategies
 * and the real delivery engine, wired as bootstrap wires them. A row inserted reaches the webhook, and its delivery
 * is recorded as succeeded.
 */
class ApplicationInMemoryTest {

    private static final Actor ADMIN = Actor.admin();

    /** A body that says which event it is, enough to see that the right one arrived. */
    private static final EventPayloadEncoder ENCODER = new EventPayloadEncoder() {
        @Override
        public String encode(ChangeEvent event, long seq) {
            return "{\"event\":\"" + event.type().wireName() + "\",\"seq\":" + seq + ",\"row\":\"" + event.rowName()
                    + "\"}";
        }

        @Override
        public String encodePing(BaseId baseId, WebhookId webhookId, EventId eventId, Instant at) {
            return "{\"event\":\"ping\"}";
        }
    };

    @ParameterizedTest(name = "group commit: {0}")
    @ValueSource(booleans = {true, false})
    void aRowInsertedReachesItsWebhookAndItsDeliveryIsRecorded(boolean groupCommit) {
        Clock clock = Clock.systemUTC();
        InMemoryStore store = new InMemoryStore();
        RecordingWebhookPort receiver = new RecordingWebhookPort(clock).answerOthers(RecordingWebhookPort.status(204));
        Lookup lookup = new Lookup(store.bases(), store.tables());
        DeliverySettings settings = new DeliverySettings(200, 512, 16, 256, Duration.ofSeconds(15),
                Duration.ofSeconds(60), RetrySchedule.DEFAULT, Duration.ofDays(5), 16384);
        DeliveryWakeup wakeup = () -> { };
        InMemoryDeliveries deliveries = store.deliveries();
        DeliveryEngine engine = new DeliveryEngine(deliveries, deliveries, deliveries, store.webhooks(), receiver,
                wakeup, (status, took) -> { }, store.transactions(), settings, clock);
        ChangeRecorder changes = new ChangeRecorder(store.outbox(), ENCODER, deliveries, store.transactions(), wakeup,
                store.webhooks(), engine);
        ContentWrites writes = groupCommit
                ? new GroupCommit(store.transactions(), lookup, store.rows(), changes, clock, 1000)
                : new TransactionPerWrite(store.transactions(), lookup, store.rows(), changes, clock);

        Base base = new CreateBaseService(store.bases(), store.transactions(), clock)
                .createBase(new CreateBaseCommand(ADMIN, "Sales"));
        Table table = new CreateTableService(lookup, store.tables(), store.transactions(), Limits.DEFAULTS, clock)
                .createTable(new CreateTableCommand(ADMIN, base.id(), "Deals",
                        List.of(new ColumnSpec("Name", ColumnType.TEXT, List.of()))));
        Webhook webhook = new CreateWebhookService(lookup, store.webhooks(), url -> { }, store.transactions(),
                Limits.DEFAULTS, clock).createWebhook(new CreateWebhookCommand(ADMIN, base.id(),
                "https://receiver.example/hook", null, "in memory", true));
        new InsertRowsService(writes, Limits.DEFAULTS, WriteBudget.UNBOUNDED).insertRows(new InsertRowsCommand(ADMIN,
                base.id(), table.id(), List.of(Map.of("Name", "ACME renewal"))));
        for (int turn = 0; turn < 10 && openOf(deliveries, webhook) > 0; turn++) {
            engine.deliverDue();
        }

        assertEquals(1, receiver.sent().size());
        assertEquals("{\"event\":\"insert_row\",\"seq\":1,\"row\":\"ACME renewal\"}",
                receiver.sent().get(0).message().payload());
        assertEquals(webhook.url(), receiver.sent().get(0).message().target());
        var logged = store.deliveries().page(webhook.id(), null, null, 10, Instant.now()).deliveries();
        assertEquals(1, logged.size());
        assertEquals(DeliveryStatus.SUCCEEDED, logged.get(0).status());
        assertEquals(1, store.outbox().readAfter(base.id(), 0, 10, 1 << 20).size(), "the feed holds the event");
    }

    private static long openOf(InMemoryDeliveries deliveries, Webhook webhook) {
        return deliveries.page(webhook.id(), null, null, 10, Instant.now()).deliveries().stream()
                .filter(delivery -> delivery.status().isOpen()).count();
    }
}
