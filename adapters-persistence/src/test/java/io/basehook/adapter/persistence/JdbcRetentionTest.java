package io.basehook.adapter.persistence;

import io.basehook.application.port.out.BaseRepository;
import io.basehook.application.port.out.ChangeEventOutbox;
import io.basehook.application.port.out.DeliveryOutcome;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.application.port.out.WebhookRepository;
import io.basehook.domain.base.Base;
import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.delivery.AttemptError;
import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.delivery.DeliveryStatus;
import io.basehook.domain.row.EventId;
import io.basehook.domain.row.OpType;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;
import io.basehook.domain.webhook.WebhookUrl;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Retention is global, so the rows of these tests are years older than any other test's and the cutoff lies
 * between; each test first purges what earlier runs on the same schema left older than it.
 */
@MicronautTest(transactional = false)
class JdbcRetentionTest extends DatabaseTest {

    static final Instant CUTOFF = Instant.parse("2010-01-01T00:00:00Z");
    static final Instant OLD = Instant.parse("2009-06-01T08:15:30.250Z");

    @Inject
    JdbcRetention retention;
    @Inject
    JdbcDeliveryQueue queue;
    @Inject
    WebhookRepository webhooks;
    @Inject
    BaseRepository bases;
    @Inject
    ChangeEventOutbox outbox;
    @Inject
    TransactionRunner transactions;
    @Inject
    JdbcConnections jdbc;

    @BeforeEach
    void purgeWhatEarlierRunsLeft() {
        retention.purgeDeliveryLogs(CUTOFF, 1000);
        retention.purgeEvents(CUTOFF, 1000);
    }

    // events

    @Test
    void purgesOldEventsExceptThoseAnOpenDeliveryStillNeeds() {
        Base base = insertedBase();
        Webhook webhook = webhook(base);
        appendEvents(base, OLD, 5);
        appendEvents(base, CUTOFF, 1);
        queue.enqueue(base.id(), 1, 4, OLD);
        Map<Long, DeliveryId> deliveries = deliveriesBySeq(webhook);
        close(webhook, deliveries.get(1L), DeliveryStatus.SUCCEEDED);
        close(webhook, deliveries.get(2L), DeliveryStatus.FAILED);
        recordAll(List.of(new DeliveryOutcome(deliveries.get(3L), webhook.id(), failed(OLD), 1,
                DeliveryStatus.RETRYING, Fixtures.NOW)), OLD);
        queue.park(List.of(deliveries.get(4L)));

        assertEquals(3, retention.purgeEvents(CUTOFF, 100), "1 and 2 delivered, 5 never queued");

        assertEquals(List.of(3L, 4L, 6L), eventSeqs(base), "3 retrying, 4 parked, 6 not older than the cutoff");
        assertEquals(List.of(3L, 4L), List.copyOf(deliveriesBySeq(webhook).keySet()),
                "the closed deliveries went with their events");
        assertEquals(List.of(3L), attemptedSeqs(webhook), "and so did their attempts");
        assertEquals(0, retention.purgeEvents(CUTOFF, 100));
    }

    // delivery logs

    @Test
    void purgesOldClosedDeliveriesWithTheirAttemptsAndLeavesOpenOnesAndEvents() {
        Base base = insertedBase();
        Webhook webhook = webhook(base);
        appendEvents(base, OLD, 5);
        queue.enqueue(base.id(), 1, 4, OLD);
        queue.enqueue(base.id(), 5, 5, CUTOFF);
        Map<Long, DeliveryId> deliveries = deliveriesBySeq(webhook);
        close(webhook, deliveries.get(1L), DeliveryStatus.SUCCEEDED);
        close(webhook, deliveries.get(2L), DeliveryStatus.FAILED);
        recordAll(List.of(new DeliveryOutcome(deliveries.get(3L), webhook.id(), failed(OLD), 1,
                DeliveryStatus.RETRYING, Fixtures.NOW)), OLD);
        queue.park(List.of(deliveries.get(4L)));
        close(webhook, deliveries.get(5L), DeliveryStatus.SUCCEEDED);

        assertEquals(2, retention.purgeDeliveryLogs(CUTOFF, 100));

        assertEquals(List.of(3L, 4L, 5L), List.copyOf(deliveriesBySeq(webhook).keySet()),
                "3 retrying, 4 parked, 5 created at the cutoff");
        assertEquals(List.of(3L, 5L), attemptedSeqs(webhook));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), eventSeqs(base), "events have their own retention");
        assertEquals(0, retention.purgeDeliveryLogs(CUTOFF, 100));
    }

    // batches

    @Test
    void purgesInBatchesUntilABatchComesBackShort() {
        Base base = insertedBase();
        Webhook webhook = webhook(base);
        appendEvents(base, OLD, 7);
        queue.enqueue(base.id(), 1, 6, OLD);
        deliveriesBySeq(webhook).values().forEach(id -> close(webhook, id, DeliveryStatus.SUCCEEDED));

        assertEquals(6, retention.purgeDeliveryLogs(CUTOFF, 2), "three full batches and an empty one");
        assertEquals(7, retention.purgeEvents(CUTOFF, 3), "two full batches and one of one");

        assertEquals(List.of(), eventSeqs(base));
        assertEquals(Map.of(), deliveriesBySeq(webhook));
        assertThrows(IllegalArgumentException.class, () -> retention.purgeEvents(CUTOFF, 0));
        assertThrows(IllegalArgumentException.class, () -> retention.purgeDeliveryLogs(CUTOFF, 0));
    }

    // helpers

    private Base insertedBase() {
        Base base = Base.create("Retention", OLD);
        bases.insert(base);
        return base;
    }

    private Webhook webhook(Base base) {
        Webhook webhook = Webhook.create(base.id(), new WebhookUrl("https://hooks.example.com/basehook"), null,
                "Archive", true, OLD);
        webhooks.insert(webhook);
        return webhook;
    }

    /** The base's next {@code count} events, all at {@code at}, written as a content change writes them. */
    private void appendEvents(Base base, Instant at, int count) {
        transactions.inTransaction(() -> {
            bases.lockById(base.id()).orElseThrow();
            long first = outbox.reserveSeqs(base.id(), count);
            List<StoredEvent> events = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                events.add(new StoredEvent(base.id(), first + i, EventId.at(at), OpType.INSERT_ROW, at, "{}"));
            }
            outbox.append(events);
            return null;
        });
    }

    /** One attempt, logged, that closes the delivery. */
    private void close(Webhook webhook, DeliveryId id, DeliveryStatus status) {
        Attempt attempt = status == DeliveryStatus.SUCCEEDED
                ? Attempt.answered(OLD, Duration.ofMillis(5), Map.of(), 200, Map.of(), "ok", null)
                : failed(OLD);
        recordAll(List.of(new DeliveryOutcome(id, webhook.id(), attempt, 1, status, null)), OLD);
    }

    private static Attempt failed(Instant at) {
        return Attempt.failed(at, Duration.ofMillis(5), Map.of(), AttemptError.CONNECTION_REFUSED, "refused");
    }

    private List<Long> eventSeqs(Base base) {
        return longs("SELECT seq FROM bh_event WHERE base_id = ? ORDER BY seq", base.id().value());
    }

    private List<Long> attemptedSeqs(Webhook webhook) {
        return longs("SELECT d.seq FROM bh_delivery_attempt a JOIN bh_delivery d ON d.id = a.delivery_id "
                + "WHERE d.webhook_id = ? ORDER BY d.seq", webhook.id().value());
    }

    private Map<Long, DeliveryId> deliveriesBySeq(Webhook webhook) {
        return jdbc.run(connection -> {
            Map<Long, DeliveryId> deliveries = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT seq, id FROM bh_delivery WHERE webhook_id = ? ORDER BY seq")) {
                select.setString(1, webhook.id().value());
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        deliveries.put(result.getLong("seq"), new DeliveryId(result.getLong("id")));
                    }
                }
            }
            return deliveries;
        });
    }

    private List<Long> longs(String sql, String parameter) {
        return jdbc.run(connection -> {
            List<Long> values = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, parameter);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        values.add(result.getLong(1));
                    }
                }
            }
            return values;
        });
    }

    /** As the delivery loop records: the outcomes in the turn, then the webhooks' health on its own. */
    private List<WebhookId> recordAll(List<DeliveryOutcome> outcomes, Instant disableFailingSince) {
        queue.record(outcomes);
        return queue.recordHealth(outcomes, disableFailingSince);
    }
}
