package io.basehook.application.delivery;

import io.basehook.application.testing.AllDeliveryPorts;
import io.basehook.application.testing.FakeWebhookPort;
import io.basehook.application.testing.InlineTransactions;
import io.basehook.application.testing.TestClock;
import io.basehook.application.testing.TurnSignals;
import io.basehook.application.service.Fixture;
import io.basehook.application.port.out.ClaimedDelivery;
import io.basehook.application.port.out.DeliveryMetrics;
import io.basehook.application.port.out.DeliveryOutcome;
import io.basehook.application.port.out.DeliveryClaims;
import io.basehook.application.port.out.WebhookRepository;
import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.delivery.DeliveryStatus;
import io.basehook.domain.delivery.RetrySchedule;
import io.basehook.domain.row.EventId;
import io.basehook.domain.row.OpType;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;
import io.basehook.domain.webhook.WebhookUrl;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Writes that hand their deliveries off, interleaved at random with the delivery loop's turns, answers, rollbacks
 * and database outages: everything committed is attempted and recorded once per attempt, nothing
 * rolled back is ever sent, and a webhook's deliveries are first attempted in {@code seq} order, whether they went
 * through a claim or a hand-off. The queue answers from an in-memory table of rows in which a write's rows are seen
 * only once it committed, as the database would. One base: its writes run one at a time, as its lock makes them.
 */
class DeliveryHandoffRandomisedTest {

    private static final long SEED = 0x4A4D0FFL;
    private static final int RUNS = 200;
    private static final Instant START = Fixture.NOW;

    /** A delivery row as the queue keeps it. */
    private static final class Row {
        final DeliveryId id;
        final WebhookId webhookId;
        final long seq;
        final EventId eventId;
        final String payload;
        boolean committed;
        DeliveryStatus status = DeliveryStatus.PENDING;
        int attempts;
        Instant nextAttemptAt;
        /** Taken by the engine: claimed, or handed off by a committed write. */
        int taken;

        Row(long id, WebhookId webhookId, StoredEvent event, Instant nextAttemptAt) {
            this.id = new DeliveryId(id);
            this.webhookId = webhookId;
            this.seq = event.seq();
            this.eventId = event.id();
            this.payload = event.payload();
            this.nextAttemptAt = nextAttemptAt;
        }
    }

    /** A write whose transaction is open: its reservation and the rows it inserted. */
    private record OpenWrite(DeliveryHandoff.Reservation reservation, List<Row> rows) {
    }

    /** A write's end not yet told to the engine, and how many of its rows it still holds reserved till then. */
    private record Hook(Runnable run, int reserved) {
    }

    private final Random random = new Random(SEED);
    private int handedOff;
    private int claimedFirst;
    private int rolledBack;
    private int clearPerWebhook;
    private int skippedClaims;

    @Test
    void everyCommittedDeliveryIsAttemptedInSeqOrderAndNothingRolledBackIsSent() {
        for (int run = 0; run < RUNS; run++) {
            runOnce("run " + run);
        }
        // both paths, and rollbacks, must happen often, or the runs prove little
        assertTrue(handedOff > 1000, "handed off " + handedOff);
        assertTrue(claimedFirst > 1000, "first attempts claimed " + claimedFirst);
        assertTrue(rolledBack > 100, "rolled back " + rolledBack);
        assertTrue(clearPerWebhook > 100, "lanes found clear per webhook " + clearPerWebhook);
        assertTrue(skippedClaims > 100, "turns without a claim " + skippedClaims);
    }

    private void runOnce(String run) {
        int slots = 1 + random.nextInt(3);
        DeliverySettings settings = new DeliverySettings(1 + random.nextInt(5), 1 + random.nextInt(8), slots,
                slots + random.nextInt(6), Duration.ofSeconds(15), Duration.ofMinutes(1),
                new RetrySchedule(List.of(Duration.ofSeconds(5))), Duration.ofDays(5), 1 + random.nextInt(40));
        double successRate = 0.5 + random.nextDouble() * 0.5;

        Map<WebhookId, Webhook> webhooks = new LinkedHashMap<>();
        Map<WebhookUrl, WebhookId> byUrl = new HashMap<>();
        for (int w = 0; w < 3; w++) {
            Webhook webhook = Fixture.webhookAt("https://hook" + w + ".example/", true);
            webhooks.put(webhook.id(), webhook);
            byUrl.put(webhook.url(), webhook.id());
        }
        TestClock clock = new TestClock(START);
        FakeWebhookPort sender = new FakeWebhookPort();
        boolean[] databaseDown = {false};
        List<Row> rows = new ArrayList<>();
        int[] recorded = {0};
        AllDeliveryPorts queue = mock(AllDeliveryPorts.class);
        WebhookRepository repository = mock(WebhookRepository.class);
        when(repository.findByIds(anyCollection())).thenReturn(webhooks);
        int[] claims = {0};
        when(queue.claim(anyInt(), anyMap(), anyInt(), any(), any(), anyLong())).thenAnswer(call -> {
            claims[0]++;
            return claim(rows, call.getArgument(0), call.getArgument(1), call.getArgument(2), call.getArgument(3),
                    call.getArgument(4));
        });
        when(queue.withNothingDue(anyCollection(), any())).thenAnswer(call -> {
            Instant now = call.getArgument(1);
            Set<WebhookId> clear = new HashSet<>(call.<Collection<WebhookId>>getArgument(0));
            rows.stream().filter(row -> row.committed && row.status.isOpen() && !row.nextAttemptAt.isAfter(now))
                    .forEach(row -> clear.remove(row.webhookId));
            clearPerWebhook += clear.size();
            return clear;
        });
        doAnswer(call -> {
            if (databaseDown[0]) {
                throw new IllegalStateException("database down");
            }
            for (DeliveryOutcome outcome : call.<List<DeliveryOutcome>>getArgument(0)) {
                Row row = rows.stream().filter(r -> r.id.equals(outcome.id())).findFirst().orElseThrow();
                assertTrue(row.committed && row.status.isOpen(), run + ", " + row.id + ": recorded when it may not");
                assertEquals(row.attempts + 1, outcome.attempts(), run);
                row.attempts = outcome.attempts();
                row.status = outcome.status();
                row.nextAttemptAt = outcome.status().isOpen() ? outcome.nextAttemptAt() : null;
                recorded[0]++;
            }
            return null;
        }).when(queue).record(anyList());
        doAnswer(call -> {
            Collection<DeliveryId> ids = call.getArgument(0);
            for (Row row : rows) {
                if (ids.contains(row.id) && call.getArgument(1).equals(row.nextAttemptAt)) {
                    row.nextAttemptAt = call.getArgument(2);
                    row.taken--;
                }
            }
            return null;
        }).when(queue).release(anyCollection(), any(), any());
        // the recorder's wake after a write that queued due deliveries is left out: the engine must claim them
        // from its own state (the lane is behind), which is what the check of every turn without a claim proves
        TurnSignals signals = new TurnSignals();
        DeliveryEngine engine = new DeliveryEngine(queue, queue, queue, repository, sender, signals,
                mock(DeliveryMetrics.class), new InlineTransactions(), settings, clock);
        boolean timePassed = false;

        int writes = 3 + random.nextInt(15);
        long[] next = {1, 1}; // next seq, next delivery id
        OpenWrite open = null;
        Set<EventId> rolledBackEvents = new HashSet<>();
        // a write's end in the database releases the base lock; its hook runs a little later, on its own thread
        List<Hook> hooks = new ArrayList<>();
        int answered = 0;
        for (int step = 0; writes > 0 || open != null || !hooks.isEmpty()
                || rows.stream().anyMatch(row -> row.status.isOpen()); step++) {
            if (step > 100_000) {
                fail(run + ": no end in sight");
            }
            if (open == null && writes > 0 && random.nextInt(3) == 0) {
                writes--;
                open = write(engine, new ArrayList<>(webhooks.values()), rows, next, clock.instant());
            } else if (open != null && random.nextInt(2) == 0) {
                if (random.nextInt(5) == 0) {
                    rows.removeAll(open.rows());
                    open.rows().forEach(row -> rolledBackEvents.add(row.eventId));
                    hooks.add(new Hook(open.reservation()::rolledBack,
                            (int) open.rows().stream().filter(row -> isLeased(row, clock)).count()));
                    rolledBack++;
                } else {
                    for (Row row : open.rows()) {
                        row.committed = true;
                        if (row.nextAttemptAt.isAfter(clock.instant())) {
                            row.taken++; // leased to this instance: handed off
                            handedOff++;
                        }
                    }
                    hooks.add(new Hook(open.reservation()::committed, 0));
                }
                open = null;
            }
            if (!hooks.isEmpty() && random.nextBoolean()) {
                hooks.remove(random.nextInt(hooks.size())).run().run();
            }
            List<FakeWebhookPort.Request> requests = sender.requests();
            for (; answered < requests.size() && random.nextInt(3) > 0; answered++) {
                boolean success = random.nextDouble() < successRate;
                requests.get(answered).answer(Attempt.answered(clock.instant(), Duration.ofMillis(random.nextInt(30)),
                        Map.of(), success ? 200 : 500, Map.of(), "", null));
            }
            databaseDown[0] = random.nextInt(10) == 0;
            // told as the loop tells it: after a wake, once time passed, and now and then (its poll interval)
            boolean mayBeDue = signals.takeMayBeDue() | timePassed | random.nextInt(10) == 0;
            timePassed = false;
            int claimsBefore = claims[0];
            try {
                engine.deliverDue(mayBeDue);
                if (claims[0] == claimsBefore && !mayBeDue && engine.inFlight() < settings.maxInFlight()) {
                    // a claim left out with room for it would have found nothing: it delays no delivery
                    assertEquals(0, dueRows(rows, clock.instant()), run + ": a turn left out a claim with rows due");
                    skippedClaims++;
                }
            } catch (IllegalStateException e) {
                assertTrue(databaseDown[0], run + ": " + e);
                if (mayBeDue) {
                    signals.wake(); // the loop tells the next turn again
                }
            }
            Map<WebhookId, Integer> inFlight = new HashMap<>();
            for (FakeWebhookPort.Request request : requests) {
                if (!request.answer().isDone()) {
                    inFlight.merge(byUrl.get(request.url()), 1, Integer::sum);
                }
            }
            inFlight.values().forEach(n -> assertTrue(n <= slots, run + ": requests open to one webhook " + n));
            int reserved = hooks.stream().mapToInt(Hook::reserved).sum()
                    + (open == null ? 0 : (int) open.rows().stream().filter(row -> isLeased(row, clock)).count());
            int taken = rows.stream().mapToInt(row -> row.taken).sum();
            assertEquals(taken - recorded[0] + reserved, engine.inFlight(), run + ": held");
            if (engine.inFlight() == 0 && open == null && hooks.isEmpty()) {
                Instant before = clock.instant();
                rows.stream().filter(row -> row.status.isOpen()).map(row -> row.nextAttemptAt)
                        .min(Comparator.naturalOrder()).filter(due -> due.isAfter(clock.instant()))
                        .ifPresent(clock::set);
                timePassed = clock.instant().isAfter(before);
            }
        }

        assertEquals(0, engine.inFlight(), run);
        for (Row row : rows) {
            assertFalse(row.status.isOpen(), run + ", " + row.id);
            assertEquals(row.attempts, row.taken, run + ", " + row.id + ": every attempt recorded exactly once");
        }
        Map<WebhookId, Long> lastFirstSeq = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (FakeWebhookPort.Request request : sender.requests()) {
            assertFalse(rolledBackEvents.contains(request.eventId()), run + ": sent a rolled-back event");
            WebhookId webhookId = byUrl.get(request.url());
            Row row = rows.stream().filter(r -> r.eventId.equals(request.eventId()) && r.webhookId.equals(webhookId))
                    .findFirst().orElseThrow();
            assertEquals(row.payload, request.payload(), run);
            if (seen.add(webhookId + "/" + row.eventId)) {
                Long before = lastFirstSeq.put(webhookId, row.seq);
                assertTrue(before == null || before < row.seq, run + ": first attempts out of seq order at "
                        + row.seq + " after " + before);
            }
        }
    }

    /** A reserved row of an open write: leased (its due time is the lease, a minute on). */
    private static boolean isLeased(Row row, TestClock clock) {
        return row.nextAttemptAt.isAfter(clock.instant());
    }

    /** Opens a write of 1 to 3 events to every webhook: reserves, inserts its rows (unseen until commit), fills. */
    private OpenWrite write(DeliveryEngine engine, List<Webhook> targets, List<Row> rows, long[] next,
                            Instant now) {
        List<StoredEvent> events = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            long seq = next[0]++;
            events.add(new StoredEvent(Fixture.BASE_ID, seq, EventId.at(now), OpType.INSERT_ROW, now,
                    "{\"seq\":" + seq + "}"));
        }
        DeliveryHandoff.Reservation reservation = engine.reserve(targets, count,
                DeliveryHandoffTest.bytes(events), now);
        List<Row> inserted = new ArrayList<>();
        List<DeliveryId> ids = new ArrayList<>();
        for (StoredEvent event : events) {
            for (Webhook webhook : targets) {
                Instant lease = reservation.leasedUntil(webhook.id());
                Row row = new Row(next[1]++, webhook.id(), event, lease == null ? now : lease);
                inserted.add(row);
                ids.add(row.id);
            }
        }
        rows.addAll(inserted);
        reservation.fill(events, ids);
        return new OpenWrite(reservation, inserted);
    }

    /** Due committed open rows, oldest due first then by id, within the limit and each webhook's room; leased. */
    private DeliveryClaims.Claim claim(List<Row> rows, int limit, Map<WebhookId, Integer> room, int roomOfOthers,
                                      Instant now, Instant leaseUntil) {
        Map<WebhookId, Integer> left = new HashMap<>(room);
        List<ClaimedDelivery> claimed = new ArrayList<>();
        boolean nothingDue = dueRows(rows, now) == 0;
        rows.stream()
                .filter(row -> row.committed && row.status.isOpen() && !row.nextAttemptAt.isAfter(now))
                .sorted(Comparator.comparing((Row row) -> row.nextAttemptAt).thenComparing(row -> row.id.value()))
                .forEach(row -> {
                    int free = left.getOrDefault(row.webhookId, roomOfOthers);
                    if (claimed.size() < limit && free > 0) {
                        left.put(row.webhookId, free - 1);
                        row.nextAttemptAt = leaseUntil;
                        row.taken++;
                        if (row.attempts == 0) {
                            claimedFirst++;
                        }
                        claimed.add(new ClaimedDelivery(row.id, row.webhookId, Fixture.BASE_ID, row.seq, row.eventId,
                                row.attempts, 0, row.payload));
                    }
                });
        // every due row was looked at: each was taken, or its webhook had no room left; unless the head stopped
        // short of what is due (another webhook's backlog fills it), which the engine must not take for a catch-up
        boolean headReachedAll = random.nextInt(3) != 0;
        boolean sawAllDue = claimed.size() < limit && headReachedAll;
        return new DeliveryClaims.Claim(claimed, sawAllDue, sawAllDue && nothingDue);
    }

    private static long dueRows(List<Row> rows, Instant now) {
        return rows.stream().filter(row -> row.committed && row.status.isOpen() && !row.nextAttemptAt.isAfter(now))
                .count();
    }
}
