package io.basehook.adapter.persistence;

import io.basehook.application.port.out.BaseRepository;
import io.basehook.application.port.out.ChangeEventOutbox;
import io.basehook.application.port.out.DeliveryLog;
import io.basehook.application.port.out.DeliveryOutcome;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.application.port.out.WebhookRepository;
import io.basehook.domain.base.Base;
import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.delivery.AttemptError;
import io.basehook.domain.delivery.Delivery;
import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.delivery.DeliveryStatus;
import io.basehook.domain.row.EventId;
import io.basehook.domain.row.OpType;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every test reads the log of its own webhook, so deliveries other tests leave behind do not show. */
@MicronautTest(transactional = false)
class JdbcDeliveryLogTest extends DatabaseTest {

    static final Instant T0 = Fixtures.NOW;
    /** A moment after every lease these tests take: the log shows each delivery as stored. */
    static final Instant LATER = T0.plus(Duration.ofDays(3650));
    static final Instant DISABLE_BEFORE = T0.minus(Duration.ofDays(5));

    @Inject
    DeliveryLog log;
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

    // page

    @Test
    void pagesAWebhooksDeliveriesNewestFirstWithoutAttempts() {
        Base base = insertedBase();
        Webhook webhook = webhook(base);
        Webhook other = webhook(base);
        List<StoredEvent> events = appendAndEnqueue(base, List.of(OpType.INSERT_ROW, OpType.MODIFY_ROW,
                OpType.DELETE_ROW, OpType.MODIFY_ROW, OpType.INSERT_ROW));
        Delivery newest = log.page(webhook.id(), null, null, 1, LATER).deliveries().get(0);
        record(newest, answered(T0.plusSeconds(1), 200), DeliveryStatus.SUCCEEDED, null);

        DeliveryLog.Page first = log.page(webhook.id(), null, null, 2, LATER);
        DeliveryLog.Page second = log.page(webhook.id(), null, first.nextCursor(), 2, LATER);
        DeliveryLog.Page third = log.page(webhook.id(), null, second.nextCursor(), 2, LATER);

        assertEquals(List.of(5L, 4L), seqs(first));
        assertEquals(List.of(3L, 2L), seqs(second));
        assertEquals(List.of(1L), seqs(third));
        assertNotNull(first.nextCursor());
        assertNull(third.nextCursor());
        List<Delivery> all = new ArrayList<>(first.deliveries());
        all.addAll(second.deliveries());
        all.addAll(third.deliveries());
        for (Delivery delivery : all) {
            StoredEvent event = events.get((int) delivery.seq() - 1);
            assertEquals(webhook.id(), delivery.webhookId());
            assertEquals(base.id(), delivery.baseId());
            assertEquals(event.id(), delivery.eventId());
            assertEquals(event.type().wireName(), delivery.eventType());
            assertEquals(T0, delivery.createdAt());
            assertTrue(delivery.attemptLog().isEmpty(), "a page carries no attempts");
        }
        Delivery succeeded = first.deliveries().get(0);
        assertEquals(DeliveryStatus.SUCCEEDED, succeeded.status());
        assertEquals(1, succeeded.attempts());
        assertNull(succeeded.nextAttemptAt(), "closed");
        Delivery pending = first.deliveries().get(1);
        assertEquals(DeliveryStatus.PENDING, pending.status());
        assertEquals(0, pending.attempts());
        assertEquals(T0, pending.nextAttemptAt());
        assertEquals(5, log.page(other.id(), null, null, 100, LATER).deliveries().size(),
                "the other webhook's own five");
    }

    @Test
    void aCursorNeverRepeatsNorSkipsWhenNewDeliveriesArrive() {
        Base base = insertedBase();
        Webhook webhook = webhook(base);
        appendAndEnqueue(base, 4);

        DeliveryLog.Page first = log.page(webhook.id(), null, null, 2, LATER);
        appendAndEnqueue(base, 3);
        DeliveryLog.Page second = log.page(webhook.id(), null, first.nextCursor(), 2, LATER);

        assertEquals(List.of(4L, 3L), seqs(first));
        assertEquals(List.of(2L, 1L), seqs(second));
        assertNull(second.nextCursor(), "the last full page has no next cursor");
        assertEquals(List.of(7L, 6L, 5L, 4L), seqs(log.page(webhook.id(), null, null, 4, LATER)));
    }

    @Test
    void filtersByStatusAndPagesWithinTheFilter() {
        Base base = insertedBase();
        Webhook webhook = webhook(base);
        appendAndEnqueue(base, 6);
        List<Delivery> bySeq = oldestFirst(webhook);
        record(bySeq.get(0), failedAttempt(T0), DeliveryStatus.FAILED, null);
        record(bySeq.get(1), answered(T0, 204), DeliveryStatus.SUCCEEDED, null);
        record(bySeq.get(2), failedAttempt(T0), DeliveryStatus.FAILED, null);
        record(bySeq.get(3), answered(T0, 503), DeliveryStatus.RETRYING, T0.plusSeconds(5));
        record(bySeq.get(4), failedAttempt(T0), DeliveryStatus.FAILED, null);

        DeliveryLog.Page failed = log.page(webhook.id(), DeliveryStatus.FAILED, null, 2, LATER);
        DeliveryLog.Page moreFailed = log.page(webhook.id(), DeliveryStatus.FAILED, failed.nextCursor(), 2, LATER);

        assertEquals(List.of(5L, 3L), seqs(failed));
        assertEquals(List.of(1L), seqs(moreFailed));
        assertNull(moreFailed.nextCursor());
        assertTrue(failed.deliveries().stream().allMatch(delivery -> delivery.status() == DeliveryStatus.FAILED
                && delivery.nextAttemptAt() == null));
        List<Delivery> retrying = log.page(webhook.id(), DeliveryStatus.RETRYING, null, 10, LATER).deliveries();
        assertEquals(List.of(4L), retrying.stream().map(Delivery::seq).toList());
        assertEquals(T0.plusSeconds(5), retrying.get(0).nextAttemptAt());
        assertEquals(List.of(6L), seqs(log.page(webhook.id(), DeliveryStatus.PENDING, null, 10, LATER)));
        assertEquals(List.of(2L), seqs(log.page(webhook.id(), DeliveryStatus.SUCCEEDED, null, 10, LATER)));
    }

    // without a filter the page merges one range per status (closed ones in id order, open ones sorted): pages of
    // any size still give every delivery once, newest first, whatever its status and however they interleave
    @Test
    void pagesWithoutAFilterInterleaveEveryStatusNewestFirst() {
        Base base = insertedBase();
        Webhook webhook = webhook(base);
        appendAndEnqueue(base, 12);
        List<Delivery> bySeq = oldestFirst(webhook);
        DeliveryStatus[] cycle = {DeliveryStatus.SUCCEEDED, DeliveryStatus.FAILED, DeliveryStatus.RETRYING, null};
        for (int i = 0; i < bySeq.size(); i++) {
            DeliveryStatus status = cycle[i % cycle.length];
            if (status == DeliveryStatus.RETRYING) {
                // due in the past and in the future: the open range holds both
                record(bySeq.get(i), failedAttempt(T0), status, T0.plusSeconds(i % 3 == 0 ? -5 : 5));
            } else if (status != null) {
                record(bySeq.get(i), status == DeliveryStatus.FAILED ? failedAttempt(T0) : answered(T0, 200), status, null);
            }
        }
        List<Long> newestFirst = LongStream.rangeClosed(1, 12).map(seq -> 13 - seq).boxed().toList();

        for (int size = 1; size <= 13; size++) {
            List<Long> seen = new ArrayList<>();
            String cursor = null;
            do {
                DeliveryLog.Page page = log.page(webhook.id(), null, cursor, size, LATER);
                seen.addAll(seqs(page));
                cursor = page.nextCursor();
            } while (cursor != null);
            assertEquals(newestFirst, seen, "pages of " + size);
        }
        assertEquals(List.of(DeliveryStatus.PENDING, DeliveryStatus.RETRYING, DeliveryStatus.FAILED,
                DeliveryStatus.SUCCEEDED), log.page(webhook.id(), null, null, 4, LATER).deliveries().stream()
                .map(Delivery::status).toList());
    }

    @Test
    void aWebhookWithoutDeliveriesHasOneEmptyPage() {
        DeliveryLog.Page page = log.page(webhook(insertedBase()).id(), null, null, 100, LATER);

        assertTrue(page.deliveries().isEmpty());
        assertNull(page.nextCursor());
    }

    @Test
    void aParkedDeliveryHasNothingScheduled() {
        Base base = insertedBase();
        Webhook webhook = webhook(base);
        appendAndEnqueue(base, 1);
        webhook.change(null, null, false, T0);
        webhooks.update(webhook); // only a disabled webhook's deliveries are parked
        queue.park(List.of(oldestFirst(webhook).get(0).id()));

        Delivery shown = log.page(webhook.id(), null, null, 10, LATER).deliveries().get(0);
        assertNull(shown.nextAttemptAt());
        assertEquals(DeliveryStatus.PENDING, shown.status(), "still open: it is sent once the webhook is enabled");
        assertNull(log.find(webhook.id(), shown.id(), 1 << 20, LATER).orElseThrow().nextAttemptAt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not a cursor!", "AAAAAAAAAAA", "__________8", "AAAA", "MTIzNDU2Nzg5MDEyMzQ1Njc4OTA"})
    void rejectsAMalformedCursor(String cursor) {
        WebhookId webhookId = webhook(insertedBase()).id();

        BasehookException rejected = assertThrows(BasehookException.class,
                () -> log.page(webhookId, null, cursor, 10, LATER));

        assertEquals("invalid_cursor", rejected.code());
        assertEquals(BasehookException.Kind.INVALID, rejected.kind());
        assertEquals("cursor", rejected.errors().get(0).field());
    }

    // find

    @Test
    void findsADeliveryWithEveryAttemptOldestFirst() {
        Base base = insertedBase();
        Webhook webhook = webhook(base);
        appendAndEnqueue(base, List.of(OpType.MODIFY_ROW));
        Delivery queued = oldestFirst(webhook).get(0);
        Attempt answered = Attempt.answered(T0.plusMillis(1), Duration.ofMillis(231),
                Map.of("webhook-id", queued.eventId().value(), "Content-Type", "application/json"), 503,
                Map.of("Retry-After", "30", "Content-Type", "text/plain; charset=utf-8"), "busy, try later ✓",
                Duration.ofSeconds(30));
        Attempt timedOut = Attempt.failed(T0.plusSeconds(31), Duration.ofSeconds(15),
                Map.of("webhook-id", queued.eventId().value()), AttemptError.TIMEOUT, "no answer within 15 s");
        recordAll(List.of(new DeliveryOutcome(queued.id(), webhook.id(), answered, 1, DeliveryStatus.RETRYING,
                T0.plusSeconds(31))), DISABLE_BEFORE);
        recordAll(List.of(new DeliveryOutcome(queued.id(), webhook.id(), timedOut, 2, DeliveryStatus.RETRYING,
                T0.plusSeconds(331))), DISABLE_BEFORE);

        Delivery found = log.find(webhook.id(), queued.id(), Long.MAX_VALUE, LATER).orElseThrow();

        assertEquals(List.of(answered, timedOut), found.attemptLog());
        assertEquals(queued.id(), found.id());
        assertEquals(webhook.id(), found.webhookId());
        assertEquals(base.id(), found.baseId());
        assertEquals(queued.eventId(), found.eventId());
        assertEquals("modify_row", found.eventType());
        assertEquals(DeliveryStatus.RETRYING, found.status());
        assertEquals(2, found.attempts());
        assertEquals(T0, found.createdAt());
        assertEquals(T0.plusSeconds(331), found.nextAttemptAt());
    }

    @Test
    void aLongAttemptLogIsReadUpToTheByteBudgetNewestFirst() {
        Base base = insertedBase();
        Webhook webhook = webhook(base);
        appendAndEnqueue(base, 1);
        Delivery queued = oldestFirst(webhook).get(0);
        List<Attempt> attempts = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            Attempt attempt = Attempt.answered(T0.plusSeconds(i), Duration.ofMillis(10), Map.of("webhook-id", "x"), 500,
                    Map.of(), Character.toString('a' + i).repeat(Attempt.MAX_BODY_CHARS), null);
            attempts.add(attempt);
            recordAll(List.of(new DeliveryOutcome(queued.id(), webhook.id(), attempt, i, DeliveryStatus.RETRYING,
                    T0.plusSeconds(60))), DISABLE_BEFORE);
        }

        assertEquals(attempts, log.find(webhook.id(), queued.id(), Long.MAX_VALUE, LATER).orElseThrow().attemptLog());
        // each attempt stores a little over 4 KiB: the newest three start within 10,000 bytes
        assertEquals(attempts.subList(2, 5),
                log.find(webhook.id(), queued.id(), 10_000, LATER).orElseThrow().attemptLog());
        Delivery newestOnly = log.find(webhook.id(), queued.id(), 1, LATER).orElseThrow();
        assertEquals(attempts.subList(4, 5), newestOnly.attemptLog(), "at least the newest attempt");
        assertEquals(5, newestOnly.attempts(), "the count still tells how many there were");
    }

    @Test
    void findsADeliveryNotYetAttemptedAndNothingOfAnotherWebhook() {
        Base base = insertedBase();
        Webhook webhook = webhook(base);
        Webhook other = webhook(base);
        appendAndEnqueue(base, 1);
        Delivery queued = oldestFirst(webhook).get(0);

        Delivery found = log.find(webhook.id(), queued.id(), Long.MAX_VALUE, LATER).orElseThrow();

        assertTrue(found.attemptLog().isEmpty());
        assertEquals(DeliveryStatus.PENDING, found.status());
        assertTrue(log.find(other.id(), queued.id(), Long.MAX_VALUE, LATER).isEmpty(),
                "the delivery of another webhook");
        assertTrue(log.find(webhook.id(), new DeliveryId(Long.MAX_VALUE), Long.MAX_VALUE, LATER).isEmpty());
    }

    // redeliver

    @Test
    void redeliveryMakesAClosedDeliveryDueNowWithAFreshScheduleAndKeepsItsLog() {
        Base base = insertedBase();
        Webhook webhook = webhook(base);
        appendAndEnqueue(base, 1);
        Delivery queued = oldestFirst(webhook).get(0);
        recordAll(List.of(new DeliveryOutcome(queued.id(), webhook.id(), failedAttempt(T0), 1,
                DeliveryStatus.RETRYING, T0.plusSeconds(5))), DISABLE_BEFORE);
        recordAll(List.of(new DeliveryOutcome(queued.id(), webhook.id(), failedAttempt(T0.plusSeconds(5)), 2,
                DeliveryStatus.FAILED, null)), DISABLE_BEFORE);
        Instant now = T0.plus(Duration.ofDays(1));

        assertTrue(log.redeliver(webhook.id(), queued.id(), now));

        Delivery redelivered = log.find(webhook.id(), queued.id(), Long.MAX_VALUE, LATER).orElseThrow();
        assertEquals(DeliveryStatus.PENDING, redelivered.status());
        assertEquals(now, redelivered.nextAttemptAt());
        assertEquals(2, redelivered.attempts(), "the attempt count goes on");
        assertEquals(2, redelivered.attemptLog().size(), "the log stays");
        assertEquals(2, scheduleStart(queued.id()), "the schedule starts after the attempts made so far");
        assertTrue(log.redeliver(webhook.id(), queued.id(), now), "again at the same moment: it changes nothing "
                + "and still finds the delivery");
    }

    @Test
    void redeliveryOfAnotherWebhooksDeliveryOrOfNoneChangesNothing() {
        Base base = insertedBase();
        Webhook webhook = webhook(base);
        Webhook other = webhook(base);
        appendAndEnqueue(base, 1);
        Delivery queued = oldestFirst(webhook).get(0);
        record(queued, answered(T0, 200), DeliveryStatus.SUCCEEDED, null);

        assertFalse(log.redeliver(other.id(), queued.id(), T0.plusSeconds(60)));
        assertFalse(log.redeliver(webhook.id(), new DeliveryId(Long.MAX_VALUE), T0.plusSeconds(60)));

        Delivery unchanged = log.find(webhook.id(), queued.id(), Long.MAX_VALUE, LATER).orElseThrow();
        assertEquals(DeliveryStatus.SUCCEEDED, unchanged.status());
        assertNull(unchanged.nextAttemptAt());
        assertEquals(0, scheduleStart(queued.id()));
    }

    // helpers

    private Base insertedBase() {
        Base base = Base.create("Log", T0);
        bases.insert(base);
        return base;
    }

    private Webhook webhook(Base base) {
        Webhook webhook = Fixtures.webhook(base.id(), true);
        webhooks.insert(webhook);
        return webhook;
    }

    private List<StoredEvent> appendAndEnqueue(Base base, int count) {
        return appendAndEnqueue(base, Collections.nCopies(count, OpType.INSERT_ROW));
    }

    /** One event per type, queued for every enabled webhook of the base, as a content change does it. */
    private List<StoredEvent> appendAndEnqueue(Base base, List<OpType> types) {
        return transactions.inTransaction(() -> {
            bases.lockById(base.id()).orElseThrow();
            long first = outbox.reserveSeqs(base.id(), types.size());
            List<StoredEvent> events = new ArrayList<>();
            for (int i = 0; i < types.size(); i++) {
                events.add(new StoredEvent(base.id(), first + i, EventId.at(T0), types.get(i), T0, "{}"));
            }
            outbox.append(events);
            queue.enqueue(base.id(), first, first + types.size() - 1, T0);
            return events;
        });
    }

    private List<Delivery> oldestFirst(Webhook webhook) {
        List<Delivery> deliveries = new ArrayList<>(log.page(webhook.id(), null, null, 1000, LATER).deliveries());
        Collections.reverse(deliveries);
        return deliveries;
    }

    private void record(Delivery delivery, Attempt attempt, DeliveryStatus status, Instant nextAttemptAt) {
        recordAll(List.of(new DeliveryOutcome(delivery.id(), delivery.webhookId(), attempt, delivery.attempts() + 1,
                status, nextAttemptAt)), DISABLE_BEFORE);
    }

    private int scheduleStart(DeliveryId id) {
        return jdbc.run(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT schedule_start FROM bh_delivery WHERE id = ?")) {
                select.setLong(1, id.value());
                try (ResultSet result = select.executeQuery()) {
                    result.next();
                    return result.getInt(1);
                }
            }
        });
    }

    private static Attempt answered(Instant at, int status) {
        return Attempt.answered(at, Duration.ofMillis(5), Map.of(), status, Map.of(), "", null);
    }

    private static Attempt failedAttempt(Instant at) {
        return Attempt.failed(at, Duration.ofMillis(5), Map.of(), AttemptError.CONNECTION_REFUSED, "refused");
    }

    private static List<Long> seqs(DeliveryLog.Page page) {
        return page.deliveries().stream().map(Delivery::seq).toList();
    }

    /** As the delivery loop records: the outcomes in the turn, then the webhooks' health on its own. */
    private List<WebhookId> recordAll(List<DeliveryOutcome> outcomes, Instant disableFailingSince) {
        queue.record(outcomes);
        return queue.recordHealth(outcomes, disableFailingSince);
    }
}
