package io.basehook.adapter.persistence;

import io.basehook.application.port.out.BaseRepository;
import io.basehook.application.port.out.ChangeEventOutbox;
import io.basehook.application.port.out.ClaimedDelivery;
import io.basehook.application.port.out.DeliveryLog;
import io.basehook.application.port.out.DeliveryOutcome;
import io.basehook.application.port.out.DeliveryBacklogQuery;
import io.basehook.application.port.out.DeliveryClaims;
import io.basehook.application.port.out.DeliveryQueue;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.application.port.out.WebhookRepository;
import io.basehook.domain.base.Base;
import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.delivery.AttemptError;
import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.delivery.DeliveryStatus;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import io.micronaut.transaction.TransactionOperations;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The queue is global (claims and the backlog see every base), so each test starts from an empty one; other
 * test classes leave their deliveries behind.
 */
@MicronautTest(transactional = false)
class JdbcDeliveryQueueTest extends DatabaseTest {

    static final Instant T0 = Fixtures.NOW;
    static final Instant LEASE = T0.plusSeconds(60);
    static final Instant LONG_AGO = T0.minus(Duration.ofDays(6));
    static final Instant DISABLE_BEFORE = T0.minus(Duration.ofDays(5));

    /** A fresh queue per test: it remembers webhooks seen and whether its last head was blocked. */
    JdbcDeliveryQueue queue;
    @Inject
    TransactionOperations<Connection> transactionOperations;
    @Inject
    DeliveryLog log;
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
    void emptyQueue() {
        queue = new JdbcDeliveryQueue(transactionOperations, jdbc);
        jdbc.run(connection -> {
            try (Statement delete = connection.createStatement()) {
                return delete.executeUpdate("DELETE FROM bh_delivery");
            }
        });
    }

    // enqueue

    @Test
    void enqueueBindsTheSeqRangeToEveryEnabledWebhookOfTheBase() {
        Base base = insertedBase();
        Webhook first = webhook(base, true);
        webhook(base, false);
        Webhook third = webhook(base, true);
        Base otherBase = insertedBase();
        webhook(otherBase, true);
        appendEvents(otherBase, 5);
        List<StoredEvent> events = appendEvents(base, 5);

        int queued = queue.enqueue(base.id(), 2, 4, T0);

        assertEquals(6, queued);
        List<Stored> stored = stored();
        assertEquals(6, stored.size());
        assertEquals(List.of(2L, 3L, 4L), storedSeqsOf(stored, first.id()));
        assertEquals(List.of(2L, 3L, 4L), storedSeqsOf(stored, third.id()));
        for (Stored delivery : stored) {
            assertEquals(events.get((int) delivery.seq() - 1).id().value(), delivery.eventId());
            assertEquals("pending", delivery.status());
            assertEquals(0, delivery.attempts());
            assertEquals(T0.toEpochMilli(), delivery.createdAt());
            assertEquals(T0.toEpochMilli(), delivery.nextAttemptAt());
        }
        assertEquals(0, queue.enqueue(base.id(), 6, 9, T0), "no such events");
        assertEquals(0, queue.enqueue(base.id(), 4, 3, T0), "an empty range");
    }

    @Test
    void aWebhookDisabledAtCommitGetsNothing() {
        Base base = insertedBase();
        webhook(base, false);
        appendEvents(base, 2);

        assertEquals(0, queue.enqueue(base.id(), 1, 2, T0));
        assertTrue(stored().isEmpty());
    }

    @Test
    void enqueueForTargetsReturnsEachRowsIdEventByEventWithTheLeasedOnesLeasedAndTheOthersDue() {
        Base base = insertedBase();
        Webhook leased = webhook(base, true);
        Webhook due = webhook(base, true);
        List<StoredEvent> events = appendEvents(base, 3);

        List<DeliveryId> ids = queue.enqueue(base.id(), events, List.of(new DeliveryQueue.Target(leased.id(), LEASE),
                new DeliveryQueue.Target(due.id(), null)), T0);

        List<Stored> stored = stored();
        assertEquals(6, ids.size());
        assertEquals(stored.stream().map(Stored::id).toList(), ids.stream().map(DeliveryId::value).toList(),
                "the generated keys are the rows' ids, in insert order");
        for (int i = 0; i < ids.size(); i++) {
            Stored row = stored.get(i);
            StoredEvent event = events.get(i / 2);
            boolean isLeased = i % 2 == 0;
            assertEquals(isLeased ? leased.id() : due.id(), row.webhookId());
            assertEquals(event.seq(), row.seq());
            assertEquals(event.id().value(), row.eventId());
            assertEquals("pending", row.status());
            assertEquals(0, row.attempts());
            assertEquals(T0.toEpochMilli(), row.createdAt());
            assertEquals((isLeased ? LEASE : T0).toEpochMilli(), row.nextAttemptAt());
        }
        // no claim takes a leased one before its lease ends; after that, any instance does
        assertEquals(List.of(due.id()), queue.claim(10, Map.of(), 10, T0, LEASE).deliveries().stream()
                .map(ClaimedDelivery::webhookId).distinct().toList());
        List<ClaimedDelivery> afterTheLease = queue.claim(10, Map.of(), 10, LEASE, LEASE.plusSeconds(60)).deliveries();
        assertEquals(List.of(1L, 2L, 3L), seqsOf(afterTheLease, leased.id()));
        assertEquals(events.get(0).payload(), afterTheLease.get(0).payload());
        assertTrue(queue.enqueue(base.id(), List.of(), List.of(new DeliveryQueue.Target(due.id(), null)), T0).isEmpty());
    }

    @Test
    void enqueueForTheGroupsOfSeveralBasesReturnsTheIdsGroupByGroupEachRowUnderItsOwnBase() {
        Base first = insertedBase();
        Webhook ofFirst = webhook(first, true);
        Base second = insertedBase();
        Webhook leasedOfSecond = webhook(second, true);
        Webhook dueOfSecond = webhook(second, true);
        List<StoredEvent> firstEvents = appendEvents(first, 2);
        List<StoredEvent> secondEvents = appendEvents(second, 1);

        List<DeliveryId> ids = queue.enqueue(List.of(
                new DeliveryQueue.Group(first.id(), firstEvents, List.of(new DeliveryQueue.Target(ofFirst.id(), LEASE))),
                new DeliveryQueue.Group(second.id(), secondEvents, List.of(new DeliveryQueue.Target(leasedOfSecond.id(), LEASE),
                        new DeliveryQueue.Target(dueOfSecond.id(), null)))), T0);

        List<Stored> stored = stored();
        assertEquals(stored.stream().map(Stored::id).toList(), ids.stream().map(DeliveryId::value).toList());
        assertEquals(List.of(ofFirst.id(), ofFirst.id(), leasedOfSecond.id(), dueOfSecond.id()),
                stored.stream().map(Stored::webhookId).toList());
        assertEquals(List.of(firstEvents.get(0).id().value(), firstEvents.get(1).id().value(),
                secondEvents.get(0).id().value(), secondEvents.get(0).id().value()), stored.stream().map(Stored::eventId).toList());
        assertEquals(List.of(LEASE.toEpochMilli(), LEASE.toEpochMilli(), LEASE.toEpochMilli(), T0.toEpochMilli()),
                stored.stream().map(Stored::nextAttemptAt).toList());
        // each row is its base's: the one due now is claimed with its own base's payload
        List<ClaimedDelivery> claimed = queue.claim(10, Map.of(), 10, T0, LEASE).deliveries();
        assertEquals(1, claimed.size());
        assertEquals(second.id(), claimed.get(0).baseId());
        assertEquals(secondEvents.get(0).payload(), claimed.get(0).payload());
        assertTrue(queue.enqueue(List.of(new DeliveryQueue.Group(first.id(), List.of(),
                List.of(new DeliveryQueue.Target(ofFirst.id(), null)))), T0).isEmpty());
    }

    @Test
    void enqueueForTargetsSplitsALargeWriteIntoStatementsWithIdsStillInOrder() {
        Base base = insertedBase();
        List<Webhook> targets = List.of(webhook(base, true), webhook(base, true), webhook(base, true));
        List<StoredEvent> events = appendEvents(base, 700); // 2,100 rows: three statements

        List<DeliveryId> ids = queue.enqueue(base.id(), events,
                targets.stream().map(webhook -> new DeliveryQueue.Target(webhook.id(), LEASE)).toList(), T0);

        List<Stored> stored = stored();
        assertEquals(2100, ids.size());
        assertEquals(stored.stream().map(Stored::id).toList(), ids.stream().map(DeliveryId::value).toList());
        for (int i = 0; i < stored.size(); i++) {
            assertEquals(targets.get(i % 3).id(), stored.get(i).webhookId());
            assertEquals(events.get(i / 3).seq(), stored.get(i).seq());
        }
    }

    @Test
    void aClaimSaysWhetherItSawEverythingDue() {
        Base base = insertedBase();
        Webhook busy = webhook(base, true);
        appendEvents(base, 6);
        queue.enqueue(base.id(), 1, 6, T0);

        assertFalse(queue.claim(2, Map.of(), 10, T0, LEASE).sawAllDue(), "the limit left some due");
        DeliveryClaims.Claim roomLimited = queue.claim(10, Map.of(busy.id(), 1), 10, T0, LEASE);
        assertEquals(1, roomLimited.deliveries().size());
        assertTrue(roomLimited.sawAllDue(), "it saw the rest, and the webhook's room left them");
        DeliveryClaims.Claim rest = queue.claim(10, Map.of(), 10, T0, LEASE);
        assertEquals(3, rest.deliveries().size());
        assertTrue(rest.sawAllDue());
        assertFalse(queue.claim(0, Map.of(), 10, T0, LEASE).sawAllDue(), "no claim looked at nothing");
    }

    @Test
    void aClaimSaysWhetherAnythingAtAllWasDue() {
        Base base = insertedBase();
        Webhook full = webhook(base, true);
        assertTrue(queue.claim(10, Map.of(), 10, T0, LEASE).nothingDue(), "an empty queue");
        appendEvents(base, 2);
        queue.enqueue(base.id(), 1, 2, T0);

        DeliveryClaims.Claim noRoom = queue.claim(10, Map.of(full.id(), 0), 10, T0, LEASE);
        assertEquals(List.of(), noRoom.deliveries());
        assertFalse(noRoom.nothingDue(), "due, though the webhook had no room for it");
        DeliveryClaims.Claim took = queue.claim(10, Map.of(), 10, T0, LEASE);
        assertEquals(2, took.deliveries().size());
        assertFalse(took.nothingDue());
        assertTrue(queue.claim(10, Map.of(), 10, T0, LEASE).nothingDue(), "all of it leased now");
        assertFalse(queue.claim(10, Map.of(), 10, LEASE.plusMillis(1), LEASE.plusSeconds(60)).nothingDue(),
                "due again once the lease ran out");
    }

    // claim

    // every claimed payload stays in memory until its outcome is recorded: the engine gives each claim its bytes
    @Test
    void aClaimReadsNoMorePayloadBytesThanItIsGivenOldestFirstButAlwaysOne() {
        Base base = insertedBase();
        webhook(base, true);
        List<StoredEvent> events = appendEvents(base, 5); // payloads of 9 bytes each
        queue.enqueue(base.id(), 1, 5, T0);

        DeliveryClaims.Claim twoFit = queue.claim(10, Map.of(), 10, T0, LEASE, 20);
        assertEquals(List.of(1L, 2L), seqs(twoFit.deliveries()));
        assertEquals(events.get(0).payload(), twoFit.deliveries().get(0).payload());
        assertFalse(twoFit.sawAllDue(), "the bytes left some due");

        List<ClaimedDelivery> larger = queue.claim(10, Map.of(), 10, T0, LEASE, 1).deliveries();
        assertEquals(List.of(3L), seqs(larger), "the first is taken however large it is");
        assertEquals(events.get(2).payload(), larger.get(0).payload());

        DeliveryClaims.Claim rest = queue.claim(10, Map.of(), 10, T0, LEASE, Long.MAX_VALUE);
        assertEquals(List.of(4L, 5L), seqs(rest.deliveries()), "what the bytes left out stayed due");
        assertEquals(events.get(4).payload(), rest.deliveries().get(1).payload());
    }

    @Test
    void claimsDueDeliveriesInSeqOrderUpToTheLimitWithTheirPayloads() {
        Base base = insertedBase();
        Webhook webhook = webhook(base, true);
        List<StoredEvent> events = appendEvents(base, 5);
        queue.enqueue(base.id(), 1, 5, T0);

        List<ClaimedDelivery> claimed = queue.claim(3, Map.of(), 10, T0, LEASE).deliveries();

        assertEquals(List.of(1L, 2L, 3L), claimed.stream().map(ClaimedDelivery::seq).toList());
        for (ClaimedDelivery delivery : claimed) {
            StoredEvent event = events.get((int) delivery.seq() - 1);
            assertEquals(webhook.id(), delivery.webhookId());
            assertEquals(base.id(), delivery.baseId());
            assertEquals(event.id(), delivery.eventId());
            assertEquals(event.payload(), delivery.payload());
            assertEquals(0, delivery.attempts());
            assertEquals(0, delivery.scheduleStart());
        }
    }

    @Test
    void claimsWhatIsDueFirstThenByIdAndNothingNotYetDue() {
        Base base = insertedBase();
        webhook(base, true);
        appendEvents(base, 4);
        queue.enqueue(base.id(), 1, 2, T0.plusMillis(10));
        queue.enqueue(base.id(), 3, 3, T0);
        queue.enqueue(base.id(), 4, 4, T0.plusSeconds(3600));

        List<ClaimedDelivery> claimed = queue.claim(10, Map.of(), 10, T0.plusMillis(10), LEASE).deliveries();

        assertEquals(List.of(3L, 1L, 2L), claimed.stream().map(ClaimedDelivery::seq).toList());
        assertTrue(queue.claim(10, Map.of(), 10, T0.plusMillis(10), LEASE).deliveries().isEmpty());
    }

    @Test
    void takesAtMostEachWebhooksRoomAndTheDefaultRoomForOthers() {
        Base base = insertedBase();
        Webhook first = webhook(base, true);
        Webhook second = webhook(base, true);
        appendEvents(base, 5);
        queue.enqueue(base.id(), 1, 5, T0);

        List<ClaimedDelivery> claimed = queue.claim(10, Map.of(second.id(), 1), 2, T0, LEASE).deliveries();

        assertEquals(List.of(1L, 2L), seqsOf(claimed, first.id()));
        assertEquals(List.of(1L), seqsOf(claimed, second.id()));
        assertEquals(3, claimed.size());
        List<ClaimedDelivery> next = queue.claim(10, Map.of(first.id(), 0, second.id(), 0), 2, T0, LEASE).deliveries();
        assertTrue(next.isEmpty(), "neither webhook has room");
        List<ClaimedDelivery> onlySecond = queue.claim(10, Map.of(first.id(), 0), 2, T0, LEASE).deliveries();
        assertEquals(List.of(2L, 3L), seqsOf(onlySecond, second.id()));
        assertEquals(2, onlySecond.size());
        assertTrue(queue.claim(0, Map.of(), 2, T0, LEASE).deliveries().isEmpty());
    }

    @Test
    void aWebhookAtItsCapDoesNotHideTheOthers() {
        Base crowded = insertedBase();
        Webhook flooded = webhook(crowded, true);
        appendEvents(crowded, 40);
        queue.enqueue(crowded.id(), 1, 40, T0);
        Base quiet = insertedBase();
        Webhook other = webhook(quiet, true);
        appendEvents(quiet, 2);
        queue.enqueue(quiet.id(), 1, 2, T0.plusMillis(1));

        // the head of the due index (16 rows for a claim of 4) is all the flooded webhook's: behind it, the other
        List<ClaimedDelivery> claimed = queue.claim(4, Map.of(), 2, T0.plusMillis(1), LEASE).deliveries();
        assertEquals(List.of(1L, 2L), seqsOf(claimed, flooded.id()));
        assertEquals(List.of(1L, 2L), seqsOf(claimed, other.id()));

        // while the flooded one is at its share, the other's new deliveries are found behind its backlog at once
        appendEvents(quiet, 2);
        queue.enqueue(quiet.id(), 3, 4, T0.plusMillis(2));
        List<ClaimedDelivery> next = queue.claim(4, Map.of(flooded.id(), 0), 2, T0.plusMillis(3), LEASE).deliveries();
        assertEquals(List.of(3L, 4L), seqsOf(next, other.id()));
        assertEquals(2, next.size());
    }

    // the head of the due index is short; a claim larger than the head goes on through the per-webhook index
    @Test
    void aClaimLongerThanTheHeadTakesAWebhooksRoomInSeqOrder() {
        Base base = insertedBase();
        Webhook fast = webhook(base, true);
        appendEvents(base, 150);
        queue.enqueue(base.id(), 1, 150, T0);

        List<ClaimedDelivery> claimed = queue.claim(200, Map.of(fast.id(), 120), 16, T0, LEASE).deliveries();

        assertEquals(LongStream.rangeClosed(1, 120).boxed().toList(), seqsOf(claimed, fast.id()));
        assertEquals(List.of(121L, 122L), seqs(queue.claim(2, Map.of(), 16, T0, LEASE).deliveries()));
    }

    // after blocked heads the claim reads a short one; a webhook given room again still gets all of it, in order
    @Test
    void afterABlockedHeadAWebhookWithRoomAgainGetsItsDeliveriesInSeqOrder() {
        Base base = insertedBase();
        Webhook busy = webhook(base, true);
        appendEvents(base, 100);
        queue.enqueue(base.id(), 1, 100, T0);
        assertTrue(queue.claim(50, Map.of(busy.id(), 0), 16, T0, LEASE).deliveries().isEmpty());
        assertTrue(queue.claim(50, Map.of(busy.id(), 0), 16, T0, LEASE).deliveries().isEmpty());

        List<ClaimedDelivery> claimed = queue.claim(50, Map.of(busy.id(), 50), 16, T0, LEASE).deliveries();

        assertEquals(LongStream.rangeClosed(1, 50).boxed().toList(), seqsOf(claimed, busy.id()));
    }

    // a webhook never seen by this instance is found behind a blocked head too, at the latest one interval later
    @Test
    void aNewWebhookBehindABlockedHeadIsDiscovered() {
        Base crowded = insertedBase();
        Webhook flooded = webhook(crowded, true);
        appendEvents(crowded, 40);
        queue.enqueue(crowded.id(), 1, 40, T0);
        assertEquals(2, queue.claim(4, Map.of(), 2, T0, LEASE).deliveries().size());

        Base late = insertedBase();
        Webhook newcomer = webhook(late, true);
        appendEvents(late, 1);
        queue.enqueue(late.id(), 1, 1, T0.plusMillis(1));
        List<ClaimedDelivery> found = new ArrayList<>();
        for (int ms = 2; ms <= 1200 && found.isEmpty(); ms += 100) {
            found.addAll(queue.claim(4, Map.of(flooded.id(), 0), 2, T0.plusMillis(ms), LEASE).deliveries());
        }
        assertEquals(List.of(1L), seqsOf(found, newcomer.id()));
    }

    @Test
    void aLeaseHidesClaimedDeliveriesUntilItRunsOutAndLeavesTheOthersAlone() {
        Base base = insertedBase();
        webhook(base, true);
        appendEvents(base, 4);
        queue.enqueue(base.id(), 1, 4, T0);

        List<ClaimedDelivery> leased = queue.claim(2, Map.of(), 10, T0, LEASE).deliveries();

        Map<Long, Long> nextAttempt = stored().stream().collect(Collectors.toMap(Stored::seq, Stored::nextAttemptAt));
        assertEquals(Map.of(1L, LEASE.toEpochMilli(), 2L, LEASE.toEpochMilli(), 3L, T0.toEpochMilli(),
                4L, T0.toEpochMilli()), nextAttempt);
        assertEquals(List.of(3L, 4L), seqs(queue.claim(10, Map.of(), 10, T0.plusSeconds(59), LEASE.plusSeconds(600)).deliveries()));
        List<ClaimedDelivery> again = queue.claim(10, Map.of(), 10, LEASE, LEASE.plusSeconds(60)).deliveries();
        assertEquals(ids(leased), ids(again), "the lease ran out: another instance carries on");
    }

    // a delivery claimed ahead and never sent goes back due at once, but only while the lease is still this claim's
    @Test
    void releaseMakesUnsentDeliveriesDueAgainOnlyUnderTheirOwnLease() {
        Base base = insertedBase();
        webhook(base, true);
        appendEvents(base, 3);
        queue.enqueue(base.id(), 1, 3, T0);
        List<ClaimedDelivery> leased = queue.claim(3, Map.of(), 10, T0, LEASE).deliveries();
        Instant later = T0.plusSeconds(5);
        Instant otherLease = LEASE.plusSeconds(1);
        transactions.inTransaction(() -> {
            queue.release(List.of(leased.get(0).id()), LEASE, later);
            queue.release(List.of(leased.get(1).id()), otherLease, later);
            return null;
        });

        Map<Long, Long> nextAttempt = stored().stream().collect(Collectors.toMap(Stored::seq, Stored::nextAttemptAt));
        assertEquals(Map.of(1L, later.toEpochMilli(), 2L, LEASE.toEpochMilli(), 3L, LEASE.toEpochMilli()), nextAttempt);
        ClaimedDelivery again = queue.claim(10, Map.of(), 10, later, later.plusSeconds(60)).deliveries().get(0);
        assertEquals(leased.get(0).id(), again.id());
        assertEquals(0, again.attempts(), "given back unsent: no attempt was made");
    }

    @Test
    void concurrentClaimersNeverGetTheSameDelivery() throws Exception {
        List<Long> all = new ArrayList<>();
        for (int b = 0; b < 5; b++) {
            Base base = insertedBase();
            webhook(base, true);
            appendEvents(base, 100);
            queue.enqueue(base.id(), 1, 100, T0);
        }
        stored().forEach(delivery -> all.add(delivery.id()));
        assertEquals(500, all.size());

        int threads = 4;
        List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    // empty only when every delivery is leased or held by a claimer that goes on
                    List<ClaimedDelivery> batch;
                    do {
                        batch = queue.claim(7, Map.of(), 1000, T0, LEASE).deliveries();
                        batch.forEach(delivery -> claimed.add(delivery.id().value()));
                    } while (!batch.isEmpty());
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(500, claimed.size(), "no delivery twice");
        assertEquals(new HashSet<>(all), new HashSet<>(claimed), "every delivery once");
    }

    @Test
    void aRedeliveredDeliveryIsClaimedWithItsScheduleStartingAfterTheAttemptsMadeBefore() {
        Base base = insertedBase();
        webhook(base, true);
        ClaimedDelivery first = claimedOnly(base);
        recordAll(List.of(outcome(first, failed(T0), DeliveryStatus.FAILED, null)), DISABLE_BEFORE);
        Instant later = T0.plusSeconds(3600);

        assertTrue(log.redeliver(first.webhookId(), first.id(), later));
        ClaimedDelivery again = queue.claim(1, Map.of(), 1, later, later.plusSeconds(60)).deliveries().get(0);

        assertEquals(first.id(), again.id());
        assertEquals(1, again.attempts());
        assertEquals(1, again.scheduleStart());
        recordAll(List.of(outcome(again, succeeded(later), DeliveryStatus.SUCCEEDED, null)), DISABLE_BEFORE);
        assertEquals(List.of(1, 2), attempts().stream().map(row -> (Integer) row.get("attempt_no")).toList(),
                "the log goes on counting");
    }

    // record

    @Test
    void recordLogsEachAttemptAndMovesEachDelivery() {
        Base base = insertedBase();
        Webhook webhook = webhook(base, true);
        appendEvents(base, 3);
        queue.enqueue(base.id(), 1, 3, T0);
        List<ClaimedDelivery> claimed = queue.claim(3, Map.of(), 10, T0, LEASE).deliveries();
        Instant at = T0.plusSeconds(1);
        Attempt ok = Attempt.answered(at, Duration.ofMillis(120), Map.of("webhook-id", "evt_1", "User-Agent", "Basehook/1"),
                204, Map.of("Server", "nginx"), "", null);
        Attempt tooMany = Attempt.answered(at, Duration.ofMillis(80), Map.of(), 429, Map.of("Retry-After", "30"),
                "slow down ✓", Duration.ofSeconds(30));
        Attempt timedOut = Attempt.failed(at, Duration.ofSeconds(15), Map.of(), AttemptError.TIMEOUT, "x".repeat(1500));

        List<WebhookId> disabled = recordAll(List.of(
                outcome(claimed.get(0), ok, DeliveryStatus.SUCCEEDED, null),
                outcome(claimed.get(1), tooMany, DeliveryStatus.RETRYING, at.plusSeconds(30)),
                outcome(claimed.get(2), timedOut, DeliveryStatus.FAILED, at.plusSeconds(5))), DISABLE_BEFORE);

        assertTrue(disabled.isEmpty());
        List<Stored> stored = stored();
        assertEquals(List.of("succeeded", "retrying", "failed"), stored.stream().map(Stored::status).toList());
        assertEquals(List.of(1, 1, 1), stored.stream().map(Stored::attempts).toList());
        assertNull(stored.get(0).nextAttemptAt());
        assertEquals(at.plusSeconds(30).toEpochMilli(), stored.get(1).nextAttemptAt());
        assertNull(stored.get(2).nextAttemptAt(), "closed, whatever the outcome said");

        List<Map<String, Object>> attempts = attempts();
        assertEquals(3, attempts.size());
        Map<String, Object> first = attempts.get(0);
        assertEquals(claimed.get(0).id().value(), first.get("delivery_id"));
        assertEquals(1, first.get("attempt_no"));
        assertEquals(at.toEpochMilli(), first.get("attempted_at"));
        assertEquals(120L, first.get("duration_ms"));
        assertEquals(Map.of("webhook-id", "evt_1", "User-Agent", "Basehook/1"),
                HeadersColumn.read((String) first.get("request_headers")));
        assertEquals(204, first.get("response_status"));
        assertEquals(Map.of("Server", "nginx"), HeadersColumn.read((String) first.get("response_headers")));
        assertEquals("", first.get("response_body"));
        assertNull(first.get("error"));
        assertNull(first.get("retry_after_ms"));
        Map<String, Object> second = attempts.get(1);
        assertEquals(429, second.get("response_status"));
        assertEquals("slow down ✓", second.get("response_body"));
        assertEquals(30_000L, second.get("retry_after_ms"));
        Map<String, Object> third = attempts.get(2);
        assertNull(third.get("response_status"));
        assertNull(third.get("response_headers"));
        assertNull(third.get("response_body"));
        assertEquals("TIMEOUT", third.get("error"));
        assertEquals("x".repeat(1000), third.get("error_detail"));
        assertEquals(15_000L, third.get("duration_ms"));
        assertNull(webhooks.findById(base.id(), webhook.id()).orElseThrow().failingSince(),
                "a 2xx in the batch and no failure after it");
    }

    @Test
    void aRetryIsClaimedAgainWithItsAttemptCountAndLogsTheNextAttemptNumber() {
        Base base = insertedBase();
        webhook(base, true);
        ClaimedDelivery first = claimedOnly(base);
        recordAll(List.of(outcome(first, failed(T0), DeliveryStatus.RETRYING, T0.plusSeconds(5))), DISABLE_BEFORE);

        assertTrue(queue.claim(1, Map.of(), 1, T0.plusSeconds(4), LEASE).deliveries().isEmpty());
        ClaimedDelivery retry = queue.claim(1, Map.of(), 1, T0.plusSeconds(5), LEASE).deliveries().get(0);
        assertEquals(first.id(), retry.id());
        assertEquals(1, retry.attempts());
        recordAll(List.of(outcome(retry, succeeded(T0.plusSeconds(6)), DeliveryStatus.SUCCEEDED, null)),
                DISABLE_BEFORE);

        assertEquals(List.of(1, 2), attempts().stream().map(row -> (Integer) row.get("attempt_no")).toList());
        assertEquals("succeeded", stored().get(0).status());
        assertEquals(2, stored().get(0).attempts());
    }

    @Test
    void keepsEachWebhooksHealth() {
        Base base = insertedBase();
        Webhook webhook = webhook(base, true);
        appendEvents(base, 8);
        queue.enqueue(base.id(), 1, 8, T0);
        List<ClaimedDelivery> claimed = queue.claim(8, Map.of(), 8, T0, LEASE).deliveries();

        recordAll(List.of(retrying(claimed.get(0), failed(T0.plusSeconds(2))),
                retrying(claimed.get(1), failed(T0.plusSeconds(1)))), DISABLE_BEFORE);
        assertEquals(T0.plusSeconds(1), failingSince(base, webhook), "the earliest failure of the batch");

        recordAll(List.of(retrying(claimed.get(2), failed(T0.plusSeconds(3)))), DISABLE_BEFORE);
        assertEquals(T0.plusSeconds(1), failingSince(base, webhook), "failing since the first failure, still");

        recordAll(List.of(retrying(claimed.get(3), failed(T0.plusSeconds(4))),
                outcome(claimed.get(4), succeeded(T0.plusSeconds(5)), DeliveryStatus.SUCCEEDED, null)), DISABLE_BEFORE);
        assertNull(failingSince(base, webhook), "a 2xx clears it");

        recordAll(List.of(retrying(claimed.get(5), failed(T0.plusSeconds(9))),
                outcome(claimed.get(6), succeeded(T0.plusSeconds(6)), DeliveryStatus.SUCCEEDED, null),
                retrying(claimed.get(7), failed(T0.plusSeconds(7)))), DISABLE_BEFORE);
        assertEquals(T0.plusSeconds(7), failingSince(base, webhook), "failing since the first failure after the 2xx");
    }

    @Test
    void disablesWebhooksOfTheBatchFailingSinceBeforeTheThreshold() {
        Base base = insertedBase();
        Webhook dead = webhook(base, true);
        Webhook recovered = webhook(base, true);
        Webhook recent = webhook(base, true);
        Webhook notInBatch = webhook(base, true);
        markFailingSince(dead, LONG_AGO);
        markFailingSince(recovered, LONG_AGO);
        markFailingSince(notInBatch, LONG_AGO);
        appendEvents(base, 1);
        queue.enqueue(base.id(), 1, 1, T0);
        Map<WebhookId, ClaimedDelivery> claimed = queue.claim(10, Map.of(), 10, T0, LEASE).deliveries().stream()
                .collect(Collectors.toMap(ClaimedDelivery::webhookId, delivery -> delivery));
        assertEquals(4, enabledForAWrite(base).size()); // and now in this instance's cache

        List<WebhookId> disabled = recordAll(List.of(
                retrying(claimed.get(dead.id()), failed(T0)),
                outcome(claimed.get(recovered.id()), succeeded(T0), DeliveryStatus.SUCCEEDED, null),
                retrying(claimed.get(recent.id()), failed(T0))), DISABLE_BEFORE);

        assertEquals(List.of(dead.id()), disabled);
        Webhook stored = webhooks.findById(base.id(), dead.id()).orElseThrow();
        assertFalse(stored.enabled());
        assertTrue(stored.autoDisabled());
        assertEquals(LONG_AGO, stored.failingSince());
        assertTrue(webhooks.findById(base.id(), recovered.id()).orElseThrow().enabled());
        assertTrue(webhooks.findById(base.id(), recent.id()).orElseThrow().enabled());
        assertTrue(webhooks.findById(base.id(), notInBatch.id()).orElseThrow().enabled(), "only the batch's webhooks");
        assertEquals(List.of(recovered.id(), recent.id(), notInBatch.id()), enabledForAWrite(base),
                "the base's webhooks revision was raised: the next write hands the disabled one nothing");
        assertTrue(recordAll(List.of(retrying(claimed.get(dead.id()), failed(T0.plusSeconds(9)))), DISABLE_BEFORE)
                .isEmpty(), "disabled already: not reported twice");
    }

    @Test
    void recordsTheRestWhenADeliveryWasDeletedMeanwhile() {
        Base base = insertedBase();
        Webhook deleted = webhook(base, true);
        Webhook kept = webhook(base, true);
        appendEvents(base, 1);
        queue.enqueue(base.id(), 1, 1, T0);
        Map<WebhookId, ClaimedDelivery> claimed = queue.claim(10, Map.of(), 10, T0, LEASE).deliveries().stream()
                .collect(Collectors.toMap(ClaimedDelivery::webhookId, delivery -> delivery));
        webhooks.delete(base.id(), deleted.id());

        recordAll(List.of(outcome(claimed.get(deleted.id()), succeeded(T0), DeliveryStatus.SUCCEEDED, null),
                outcome(claimed.get(kept.id()), succeeded(T0), DeliveryStatus.SUCCEEDED, null)), DISABLE_BEFORE);

        assertEquals(List.of("succeeded"), stored().stream().map(Stored::status).toList());
        assertEquals(1, attempts().size());
    }

    @Test
    void theSameAttemptRecordedTwiceKeepsTheFirstRecord() {
        Base base = insertedBase();
        webhook(base, true);
        ClaimedDelivery delivery = claimedOnly(base);
        recordAll(List.of(retrying(delivery, failed(T0))), DISABLE_BEFORE);

        recordAll(List.of(outcome(delivery, succeeded(T0.plusSeconds(1)), DeliveryStatus.SUCCEEDED, null)),
                DISABLE_BEFORE);

        List<Map<String, Object>> attempts = attempts();
        assertEquals(1, attempts.size());
        assertEquals("CONNECTION_REFUSED", attempts.get(0).get("error"));
        // a late outcome of the same attempt (its lease ran out meanwhile) changes nothing
        assertEquals("retrying", stored().get(0).status());
    }

    // a batch that ends alike is moved without a locking read first: what it did not move must not be logged twice
    @Test
    void aBatchThatEndsAlikeMovesTheRestWhenOneOfItsOutcomesIsLate() {
        Base base = insertedBase();
        webhook(base, true);
        appendEvents(base, 3);
        queue.enqueue(base.id(), 1, 3, T0);
        List<ClaimedDelivery> claimed = queue.claim(10, Map.of(), 10, T0, LEASE).deliveries();
        // another instance recorded the second one's attempt already (this one's lease ran out meanwhile)
        recordAll(List.of(retrying(claimed.get(1), failed(T0))), DISABLE_BEFORE);

        recordAll(claimed.stream().map(delivery -> outcome(delivery, succeeded(T0.plusSeconds(1)),
                DeliveryStatus.SUCCEEDED, null)).toList(), DISABLE_BEFORE);

        assertEquals(List.of("succeeded", "retrying", "succeeded"), stored().stream().map(Stored::status).toList());
        List<Map<String, Object>> attempts = attempts();
        assertEquals(3, attempts.size(), "one attempt each: the late one's is not logged again");
        assertEquals(List.of(200, 200), attempts.stream().filter(row -> row.get("response_status") != null)
                .map(row -> ((Number) row.get("response_status")).intValue()).toList());
    }

    @Test
    void aBatchOf2xxForAWebhookSeenHealthyWithinASecondReadsNothingAndOneAfterItClearsWhatAnotherInstanceStored() {
        AtomicLong nanos = new AtomicLong();
        queue = new JdbcDeliveryQueue(transactionOperations, jdbc,
                new HealthyWebhooks(nanos::get, HealthyWebhooks.FRESH_FOR));
        Base base = insertedBase();
        Webhook webhook = webhook(base, true);
        appendEvents(base, 3);
        queue.enqueue(base.id(), 1, 3, T0);
        List<ClaimedDelivery> claimed = queue.claim(10, Map.of(), 10, T0, LEASE).deliveries();
        recordAll(List.of(outcome(claimed.get(0), succeeded(T0), DeliveryStatus.SUCCEEDED, null)), DISABLE_BEFORE);
        markFailingSince(webhook, T0); // another instance saw the endpoint fail meanwhile

        nanos.addAndGet(HealthyWebhooks.FRESH_FOR.toNanos()); // at the limit: still fresh
        recordAll(List.of(outcome(claimed.get(1), succeeded(T0.plusSeconds(1)), DeliveryStatus.SUCCEEDED, null)),
                DISABLE_BEFORE);
        assertEquals(T0, failingSince(base, webhook), "remembered healthy: not read, not written");

        nanos.incrementAndGet();
        recordAll(List.of(outcome(claimed.get(2), succeeded(T0.plusSeconds(2)), DeliveryStatus.SUCCEEDED, null)),
                DISABLE_BEFORE);
        assertNull(failingSince(base, webhook), "read again, and cleared by the 2xx");
    }

    @Test
    void aFailureIsAlwaysReadAndWrittenEvenForAWebhookSeenHealthyJustBefore() {
        Base base = insertedBase();
        Webhook webhook = webhook(base, true);
        appendEvents(base, 2);
        queue.enqueue(base.id(), 1, 2, T0);
        List<ClaimedDelivery> claimed = queue.claim(10, Map.of(), 10, T0, LEASE).deliveries();
        recordAll(List.of(outcome(claimed.get(0), succeeded(T0), DeliveryStatus.SUCCEEDED, null)), DISABLE_BEFORE);

        recordAll(List.of(retrying(claimed.get(1), failed(T0.plusSeconds(1)))), DISABLE_BEFORE);

        assertEquals(T0.plusSeconds(1), failingSince(base, webhook));
    }

    @Test
    void theHealthIsNeverRecordedInsideTheCallersTransaction() {
        Base base = insertedBase();
        webhook(base, true);
        ClaimedDelivery delivery = claimedOnly(base);
        List<DeliveryOutcome> outcomes = List.of(retrying(delivery, failed(T0)));

        assertThrows(IllegalStateException.class, () -> transactions.inTransaction(
                () -> queue.recordHealth(outcomes, DISABLE_BEFORE)));
    }

    // a health change locks the base first, as a content write does, and then the webhook: the write holds the base
    // and waits for a shared lock on the webhook (the deliveries' foreign key), so the other order would deadlock
    @Test
    @Timeout(30)
    void aHealthChangeWaitsForTheBaseLockOfAContentWriteInFlightThenRaisesTheWebhooksRevision() throws Exception {
        Base base = insertedBase();
        Webhook webhook = webhook(base, true);
        ClaimedDelivery delivery = claimedOnly(base);
        List<DeliveryOutcome> outcomes = List.of(retrying(delivery, failed(T0)));
        queue.record(outcomes);
        assertEquals(List.of(webhook.id()), enabledForAWrite(base));
        CountDownLatch baseLocked = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = threads.submit(() -> transactions.inTransaction(() -> {
                bases.lockById(base.id());
                baseLocked.countDown();
                awaitALockWait();
                // what the write's delivery insert does: a shared lock on the webhook, while holding the base
                return jdbc.run(connection -> {
                    try (PreparedStatement share = connection.prepareStatement(
                            "SELECT id FROM bh_webhook WHERE id = ? LOCK IN SHARE MODE")) {
                        share.setString(1, webhook.id().value());
                        share.executeQuery().close();
                    }
                    return null;
                });
            }));
            assertTrue(baseLocked.await(20, TimeUnit.SECONDS));
            Future<List<WebhookId>> health = threads.submit(() -> queue.recordHealth(outcomes, DISABLE_BEFORE));

            writer.get(25, TimeUnit.SECONDS);
            assertEquals(List.of(), health.get(25, TimeUnit.SECONDS));
        } finally {
            threads.shutdownNow();
        }
        assertEquals(T0, webhooks.findById(base.id(), webhook.id()).orElseThrow().failingSince());
        assertEquals(T0, transactions.inTransaction(() -> {
            bases.lockById(base.id());
            return webhooks.findByBase(base.id()).get(0).failingSince();
        }), "read again at the raised revision, not from the cache");
    }

    /**
     * Until another connection waits for a base's lock (the health change, for the base the writer holds). MariaDB
     * takes the lock of a single-row lookup while it plans the statement, before InnoDB lists the transaction as
     * waiting, so the wait is seen in the process list.
     */
    private void awaitALockWait() {
        while (jdbc.run(connection -> {
            try (Statement select = connection.createStatement();
                 ResultSet result = select.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST "
                         + "WHERE ID <> CONNECTION_ID() AND INFO LIKE 'SELECT % FROM bh_base %FOR UPDATE'")) {
                result.next();
                return result.getInt(1);
            }
        }) == 0) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One event of the base, queued to its one webhook and claimed by this instance. */
    private ClaimedDelivery claimedOnly(Base base) {
        appendEvents(base, 1);
        queue.enqueue(base.id(), 1, 1, T0);
        return queue.claim(1, Map.of(), 1, T0, LEASE).deliveries().get(0);
    }

    /** The webhooks a content write to the base hands its deliveries to: read with the base's lock, as it does. */
    private List<WebhookId> enabledForAWrite(Base base) {
        return transactions.inTransaction(() -> {
            bases.lockById(base.id());
            return webhooks.findByBase(base.id()).stream().filter(Webhook::enabled).map(Webhook::id).toList();
        });
    }

    // a content write holds a shared lock on its base's webhooks (the deliveries' foreign key) until it commits: a
    // record of successes for a healthy webhook must neither wait for it nor deadlock with it
    @Test
    @Timeout(30)
    void recordingSuccessesOfAHealthyWebhookDoesNotWaitForAContentWriteInFlight() throws Exception {
        Base base = insertedBase();
        Webhook webhook = webhook(base, true);
        ClaimedDelivery delivery = claimedOnly(base);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch recorded = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = threads.submit(() -> transactions.inTransaction(() -> jdbc.run(connection -> {
                try (PreparedStatement share = connection.prepareStatement(
                        "SELECT id FROM bh_webhook WHERE id = ? LOCK IN SHARE MODE")) {
                    share.setString(1, webhook.id().value());
                    share.executeQuery().close();
                }
                locked.countDown();
                try {
                    recorded.await(25, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            })));
            assertTrue(locked.await(20, TimeUnit.SECONDS));
            Future<?> record = threads.submit(() -> recordAll(
                    List.of(outcome(delivery, succeeded(T0), DeliveryStatus.SUCCEEDED, null)), DISABLE_BEFORE));
            try {
                // the writer holds its lock for 25 s: a record that waited for it would not be done by now
                record.get(15, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("the record waited for the content write's lock on the webhook");
            } finally {
                recorded.countDown();
            }
            writer.get(30, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        assertEquals("succeeded", stored().get(0).status());
    }

    // more than three statements go to the server as one multi-statement batch: each still reports its own count
    @Test
    void aLargeBatchOutOfOrderLogsOnlyTheDeliveriesItMovedAndTheWebhooksThatStillExist() {
        Base base = insertedBase();
        Webhook deleted = webhook(base, true);
        Webhook kept = webhook(base, true);
        appendEvents(base, 4);
        queue.enqueue(base.id(), 1, 4, T0);
        List<ClaimedDelivery> claimed = queue.claim(8, Map.of(), 8, T0, LEASE).deliveries();
        List<ClaimedDelivery> ofKept = claimed.stream().filter(d -> d.webhookId().equals(kept.id())).toList();
        ClaimedDelivery late = ofKept.get(3);
        // another instance recorded the last one's attempt already (its lease had run out here)
        recordAll(List.of(retrying(late, failed(T0))), DISABLE_BEFORE);
        webhooks.delete(base.id(), deleted.id());

        List<DeliveryOutcome> batch = new ArrayList<>();
        for (ClaimedDelivery delivery : claimed) {
            batch.add(0, outcome(delivery, succeeded(T0.plusSeconds(1)), DeliveryStatus.SUCCEEDED, null));
        }
        assertTrue(recordAll(batch, DISABLE_BEFORE).isEmpty());

        assertEquals(List.of("succeeded", "succeeded", "succeeded", "retrying"),
                stored().stream().map(Stored::status).toList());
        List<Map<String, Object>> attempts = attempts();
        assertEquals(4, attempts.size(), "three new ones and the late one's first record, nothing of the deleted");
        assertEquals("CONNECTION_REFUSED", attempts.stream()
                .filter(row -> row.get("delivery_id").equals(late.id().value())).findFirst().orElseThrow().get("error"));
        assertNull(failingSince(base, kept), "the kept webhook's health was updated");
    }

    @Test
    void recordAndClaimJoinTheCallersTransaction() {
        Base base = insertedBase();
        webhook(base, true);
        appendEvents(base, 2);
        queue.enqueue(base.id(), 1, 2, T0);
        ClaimedDelivery first = queue.claim(1, Map.of(), 10, T0, LEASE).deliveries().get(0);

        assertThrows(IllegalStateException.class, () -> transactions.inTransaction(() -> {
            recordAll(List.of(outcome(first, succeeded(T0), DeliveryStatus.SUCCEEDED, null)), DISABLE_BEFORE);
            assertEquals(1, queue.claim(10, Map.of(), 10, T0, LEASE).deliveries().size());
            throw new IllegalStateException("the turn fails before it commits");
        }));

        assertTrue(attempts().isEmpty(), "the record rolled back with the turn");
        assertEquals(List.of(LEASE.toEpochMilli(), T0.toEpochMilli()),
                stored().stream().map(Stored::nextAttemptAt).toList(), "and so did the second claim's lease");
    }

    // park, resume, backlog

    @Test
    void parkLeavesAloneTheDeliveriesOfAWebhookEnabledAgainMeanwhile() {
        Base base = insertedBase();
        Webhook webhook = webhook(base, true);
        ClaimedDelivery delivery = claimedOnly(base);

        queue.park(List.of(delivery.id()));

        assertEquals(LEASE.toEpochMilli(), stored().get(0).nextAttemptAt(), "still due when its lease ends");
        assertEquals(webhook.id(), delivery.webhookId());
    }

    @Test
    void parkHoldsOpenDeliveriesBackAndResumeMakesThemDueNow() {
        Base base = insertedBase();
        Webhook disabled = webhook(base, true);
        Webhook other = webhook(base, true);
        appendEvents(base, 3);
        queue.enqueue(base.id(), 1, 3, T0);
        List<ClaimedDelivery> claimed = queue.claim(10, Map.of(), 10, T0, LEASE).deliveries();
        ClaimedDelivery closed = claimed.stream().filter(delivery -> delivery.webhookId().equals(disabled.id()))
                .findFirst().orElseThrow();
        recordAll(List.of(outcome(closed, succeeded(T0), DeliveryStatus.SUCCEEDED, null)), DISABLE_BEFORE);
        List<DeliveryId> ofDisabled = claimed.stream().filter(delivery -> delivery.webhookId().equals(disabled.id()))
                .map(ClaimedDelivery::id).toList();
        Instant farAway = JdbcDeliveryQueue.PARKED;
        disabled.change(null, null, false, T0);
        webhooks.update(disabled);

        queue.park(ofDisabled);

        Map<Long, Stored> byId = stored().stream().collect(Collectors.toMap(Stored::id, delivery -> delivery));
        assertNull(byId.get(closed.id().value()).nextAttemptAt(), "a closed delivery stays closed");
        assertEquals(2, byId.values().stream().filter(delivery -> Long.valueOf(farAway.toEpochMilli())
                .equals(delivery.nextAttemptAt())).count());
        assertTrue(queue.claim(10, Map.of(), 10, LEASE, LEASE.plusSeconds(60)).deliveries().stream()
                .allMatch(delivery -> delivery.webhookId().equals(other.id())), "parked ones are not claimed");

        Instant now = T0.plusSeconds(3600);
        queue.resume(disabled.id(), now);

        Map<Long, Long> nextAttempt = new HashMap<>();
        stored().forEach(delivery -> nextAttempt.put(delivery.id(), delivery.nextAttemptAt()));
        for (ClaimedDelivery delivery : claimed) {
            Long expected = delivery.id().equals(closed.id()) ? null
                    : delivery.webhookId().equals(disabled.id()) ? now.toEpochMilli()
                    : LEASE.plusSeconds(60).toEpochMilli();
            assertEquals(expected, nextAttempt.get(delivery.id().value()), "only the resumed webhook's open ones");
        }
        assertEquals(List.of(2L, 3L), seqsOf(queue.claim(10, Map.of(), 10, now, now.plusSeconds(60)).deliveries(), disabled.id()));
    }

    @Test
    void withNothingDueNamesTheWebhooksWhoseDeliveriesAreAllLeasedClosedOrLater() {
        Base base = insertedBase();
        Webhook backlogged = webhook(base, true);
        Webhook leased = webhook(base, true);
        Webhook retrying = webhook(base, true);
        appendEvents(base, 3);
        queue.enqueue(base.id(), 1, 3, T0);
        Webhook idle = webhook(base, true); // created after the events: no delivery of its own
        Map<WebhookId, Integer> onlyLeased = Map.of(backlogged.id(), 0, retrying.id(), 0, idle.id(), 0);
        queue.claim(10, onlyLeased, 10, T0, LEASE);
        ClaimedDelivery failing = queue.claim(1, Map.of(backlogged.id(), 0, leased.id(), 0, idle.id(), 0), 1, T0,
                LEASE).deliveries().get(0);
        recordAll(List.of(outcome(failing, failed(T0), DeliveryStatus.RETRYING, T0.plusSeconds(5))), DISABLE_BEFORE);
        queue.claim(10, Map.of(backlogged.id(), 0, leased.id(), 0, idle.id(), 0), 10, T0, LEASE);

        Set<WebhookId> all = Set.of(backlogged.id(), leased.id(), retrying.id(), idle.id());
        assertEquals(Set.of(leased.id(), retrying.id(), idle.id()), queue.withNothingDue(all, T0.plusSeconds(1)));
        assertEquals(Set.of(leased.id(), idle.id()), queue.withNothingDue(all, T0.plusSeconds(5)),
                "a retry is due at its time");
        assertEquals(Set.of(), queue.withNothingDue(Set.of(), T0));
    }

    @Test
    void parkDueParksEveryDueDeliveryOfADisabledWebhookPastTheChunkSizeAndNothingElse() {
        Base base = insertedBase();
        Webhook disabled = webhook(base, true);
        Webhook other = webhook(base, true);
        int events = JdbcDeliveryQueue.PARK_CHUNK + 3;
        appendEvents(base, events);
        queue.enqueue(base.id(), 1, events, T0);
        // one of its deliveries is in flight: leased, so not due, and left to its outcome
        ClaimedDelivery inFlight = queue.claim(1, Map.of(other.id(), 0), 1, T0, LEASE).deliveries().get(0);
        assertEquals(disabled.id(), inFlight.webhookId());
        Instant now = T0.plusSeconds(1);
        assertEquals(0, queue.parkDue(disabled.id(), now), "an enabled webhook's deliveries stay due");
        disabled.change(null, null, false, T0);
        webhooks.update(disabled);

        assertEquals(events - 1, queue.parkDue(disabled.id(), now));

        Map<Long, Long> nextOfDisabled = new HashMap<>();
        Set<Long> nextOfOther = new HashSet<>();
        for (Stored delivery : stored()) {
            if (delivery.webhookId().equals(disabled.id())) {
                nextOfDisabled.put(delivery.id(), delivery.nextAttemptAt());
            } else {
                nextOfOther.add(delivery.nextAttemptAt());
            }
        }
        assertEquals(events, nextOfDisabled.size());
        assertEquals(LEASE.toEpochMilli(), nextOfDisabled.remove(inFlight.id().value()), "the leased one is untouched");
        assertEquals(Set.of(JdbcDeliveryQueue.PARKED.toEpochMilli()), Set.copyOf(nextOfDisabled.values()));
        assertEquals(Set.of(T0.toEpochMilli()), nextOfOther, "the other webhook's deliveries stay due");
        assertEquals(0, queue.parkDue(disabled.id(), now), "nothing is left due");
        assertTrue(queue.claim(10, Map.of(), 10, now, now.plusSeconds(60)).deliveries().stream()
                .allMatch(delivery -> delivery.webhookId().equals(other.id())), "a claim finds only the other's");
    }

    @Test
    void backlogCountsOpenDeliveriesAndTheOldestOfThem() {
        assertEquals(new DeliveryBacklogQuery.Backlog(0, null, null), queue.backlog());
        Base base = insertedBase();
        webhook(base, true);
        appendEvents(base, 3);
        queue.enqueue(base.id(), 1, 1, T0);
        queue.enqueue(base.id(), 2, 3, T0.plusSeconds(10));

        assertEquals(new DeliveryBacklogQuery.Backlog(3, T0, T0), queue.backlog());

        ClaimedDelivery oldest = queue.claim(1, Map.of(), 10, T0, LEASE).deliveries().get(0);
        assertEquals(new DeliveryBacklogQuery.Backlog(3, T0, T0.plusSeconds(10)), queue.backlog(),
                "a leased delivery is still open, but due only when its lease runs out");
        recordAll(List.of(outcome(oldest, succeeded(T0), DeliveryStatus.SUCCEEDED, null)), DISABLE_BEFORE);

        assertEquals(new DeliveryBacklogQuery.Backlog(2, T0.plusSeconds(10), T0.plusSeconds(10)), queue.backlog());
    }

    // helpers

    private Base insertedBase() {
        Base base = Base.create("Queue", T0);
        bases.insert(base);
        return base;
    }

    private Webhook webhook(Base base, boolean enabled) {
        Webhook webhook = Fixtures.webhook(base.id(), enabled);
        webhooks.insert(webhook);
        return webhook;
    }

    private void markFailingSince(Webhook webhook, Instant since) {
        webhooks.update(Webhook.restore(webhook.id(), webhook.baseId(), webhook.url(), webhook.description(),
                webhook.enabled(), false, webhook.secret(), null, null, since, webhook.createdAt(), webhook.updatedAt()));
    }

    private Instant failingSince(Base base, Webhook webhook) {
        return webhooks.findById(base.id(), webhook.id()).orElseThrow().failingSince();
    }

    /** Events {@code 1..count} of a fresh base, written as a content change writes them. */
    private List<StoredEvent> appendEvents(Base base, int count) {
        return transactions.inTransaction(() -> {
            bases.lockById(base.id()).orElseThrow();
            long first = outbox.reserveSeqs(base.id(), count);
            List<StoredEvent> events = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                events.add(Fixtures.event(base.id(), first + i));
            }
            outbox.append(events);
            return events;
        });
    }

    private static Attempt succeeded(Instant at) {
        return Attempt.answered(at, Duration.ofMillis(5), Map.of(), 200, Map.of(), "ok", null);
    }

    private static Attempt failed(Instant at) {
        return Attempt.failed(at, Duration.ofMillis(5), Map.of(), AttemptError.CONNECTION_REFUSED, "refused");
    }

    private static DeliveryOutcome retrying(ClaimedDelivery delivery, Attempt attempt) {
        return outcome(delivery, attempt, DeliveryStatus.RETRYING, attempt.at().plusSeconds(5));
    }

    private static DeliveryOutcome outcome(ClaimedDelivery delivery, Attempt attempt, DeliveryStatus status,
                                           Instant nextAttemptAt) {
        return new DeliveryOutcome(delivery.id(), delivery.webhookId(), attempt, delivery.attempts() + 1, status,
                nextAttemptAt);
    }

    /** A delivery row as stored. */
    record Stored(long id, WebhookId webhookId, long seq, String eventId, String status, int attempts, long createdAt,
                  Long nextAttemptAt) {
    }

    private List<Stored> stored() {
        return jdbc.run(connection -> {
            List<Stored> rows = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id, webhook_id, seq, event_id, status, "
                    + "attempts, created_at, next_attempt_at FROM bh_delivery ORDER BY id");
                 ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    Instant next = EpochMillis.get(result, "next_attempt_at");
                    rows.add(new Stored(result.getLong("id"), new WebhookId(result.getString("webhook_id")),
                            result.getLong("seq"), result.getString("event_id"), result.getString("status"),
                            result.getInt("attempts"), result.getLong("created_at"),
                            next == null ? null : next.toEpochMilli()));
                }
            }
            return rows;
        });
    }

    /** The attempts of the deliveries in the queue, column by column. */
    private List<Map<String, Object>> attempts() {
        return jdbc.run(connection -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT a.* FROM bh_delivery_attempt a "
                    + "JOIN bh_delivery d ON d.id = a.delivery_id ORDER BY a.delivery_id, a.attempt_no");
                 ResultSet result = select.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    Map<String, Object> row = new HashMap<>();
                    for (int i = 1; i <= columns; i++) {
                        row.put(result.getMetaData().getColumnLabel(i), result.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        });
    }

    private static List<Long> storedSeqsOf(List<Stored> stored, WebhookId webhookId) {
        return stored.stream().filter(delivery -> delivery.webhookId().equals(webhookId)).map(Stored::seq).toList();
    }

    private static List<Long> seqsOf(List<ClaimedDelivery> claimed, WebhookId webhookId) {
        return seqs(claimed.stream().filter(delivery -> delivery.webhookId().equals(webhookId)).toList());
    }

    private static List<Long> seqs(List<ClaimedDelivery> claimed) {
        return claimed.stream().map(ClaimedDelivery::seq).toList();
    }

    private static Set<DeliveryId> ids(List<ClaimedDelivery> claimed) {
        return claimed.stream().map(ClaimedDelivery::id).collect(Collectors.toSet());
    }

    /** As the delivery loop records: the outcomes in the turn, then the webhooks' health on its own. */
    private List<WebhookId> recordAll(List<DeliveryOutcome> outcomes, Instant disableFailingSince) {
        queue.record(outcomes);
        return queue.recordHealth(outcomes, disableFailingSince);
    }
}
