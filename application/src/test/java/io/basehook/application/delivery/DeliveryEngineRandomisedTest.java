package io.basehook.application.delivery;

import io.basehook.application.testing.AllDeliveryPorts;
import io.basehook.application.testing.FakeWebhookPort;
import io.basehook.application.testing.InlineTransactions;
import io.basehook.application.testing.TestClock;
import io.basehook.application.testing.TurnSignals;
import io.basehook.application.service.Fixture;
import io.basehook.application.port.out.ClaimedDelivery;
import io.basehook.application.port.out.DeliveryOutcome;
import io.basehook.application.port.out.DeliveryClaims;
import io.basehook.application.port.out.DeliveryMetrics;
import io.basehook.application.port.out.WebhookRepository;
import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.delivery.AttemptError;
import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.delivery.DeliveryStatus;
import io.basehook.domain.delivery.RetrySchedule;
import io.basehook.domain.row.EventId;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;
import io.basehook.domain.webhook.WebhookUrl;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Random limits, schedules, answers and database outages against the guarantees. The queue's claim and record are
 * answered from an in-memory table of delivery rows, as the database would. Seeded, so a failure replays.
 * The clock only moves when nothing is in flight, so no lease expires under an open request.
 */
class DeliveryEngineRandomisedTest {

    private static final long SEED = 0xD15BA7CL;
    private static final int RUNS = 150;
    private static final Instant START = Fixture.NOW;

    /** A delivery row as the queue keeps it. */
    private static final class Row {
        final DeliveryId id;
        final WebhookId webhookId;
        final EventId eventId;
        final String payload;
        DeliveryStatus status = DeliveryStatus.PENDING;
        int attempts;
        Instant nextAttemptAt = START;
        int sends;
        final List<Boolean> successes = new ArrayList<>();
        final List<Instant> retryTimes = new ArrayList<>();

        Row(long id, WebhookId webhookId) {
            this.id = new DeliveryId(id);
            this.webhookId = webhookId;
            this.eventId = EventId.at(START);
            this.payload = "{\"seq\":" + id + "}";
        }
    }

    private final Random random = new Random(SEED);
    private int succeeded;
    private int failed;
    private int outages;
    private int skippedClaims;

    @Test
    void everyDeliveryEndsSucceededOrFailedWithinTheScheduleWithEachAttemptRecordedOnce() {
        for (int run = 0; run < RUNS; run++) {
            runOnce("run " + run);
        }
        // the random answers must produce both ends and outages often, or the runs prove little
        assertTrue(succeeded > 100, "succeeded " + succeeded);
        assertTrue(failed > 100, "failed " + failed);
        assertTrue(outages > 50, "outages " + outages);
        assertTrue(skippedClaims > 100, "turns without a claim " + skippedClaims);
    }

    private void runOnce(String run) {
        RetrySchedule schedule = random.nextBoolean() ? RetrySchedule.DEFAULT : randomSchedule();
        int slots = 1 + random.nextInt(3);
        DeliverySettings settings = new DeliverySettings(1 + random.nextInt(5), 1 + random.nextInt(6), slots,
                slots + random.nextInt(4), Duration.ofSeconds(15), Duration.ofMinutes(1), schedule, Duration.ofDays(5));
        double successRate = random.nextDouble() * 0.6;

        Map<WebhookId, Webhook> webhooks = new LinkedHashMap<>();
        Map<WebhookUrl, WebhookId> byUrl = new HashMap<>();
        for (int w = 0; w < 3; w++) {
            Webhook webhook = Fixture.webhookAt("https://hook" + w + ".example/", true);
            webhooks.put(webhook.id(), webhook);
            byUrl.put(webhook.url(), webhook.id());
        }
        List<WebhookId> ids = new ArrayList<>(webhooks.keySet());
        List<Row> rows = new ArrayList<>();
        int count = 5 + random.nextInt(20);
        for (int i = 1; i <= count; i++) {
            rows.add(new Row(i, ids.get(random.nextInt(ids.size()))));
        }

        TestClock clock = new TestClock(START);
        FakeWebhookPort sender = new FakeWebhookPort();
        boolean[] databaseDown = {false};
        Map<WebhookId, Integer> recordedPerWebhook = new HashMap<>();
        AllDeliveryPorts queue = mock(AllDeliveryPorts.class);
        WebhookRepository repository = mock(WebhookRepository.class);
        when(repository.findByIds(anyCollection())).thenReturn(webhooks);
        int[] claims = {0};
        when(queue.claim(anyInt(), anyMap(), anyInt(), any(), any(), anyLong())).thenAnswer(call -> {
            claims[0]++;
            boolean nothingDue = dueRows(rows, call.getArgument(3)) == 0;
            // a claim that found nothing due saw all of it; otherwise it does not say
            return new DeliveryClaims.Claim(claim(rows, call.getArgument(0), call.getArgument(1), call.getArgument(2),
                    call.getArgument(3), call.getArgument(4)), nothingDue, nothingDue);
        });
        doAnswer(call -> {
            if (databaseDown[0]) {
                throw new IllegalStateException("database down");
            }
            for (DeliveryOutcome outcome : call.<List<DeliveryOutcome>>getArgument(0)) {
                record(rows, outcome, run);
                recordedPerWebhook.merge(outcome.webhookId(), 1, Integer::sum);
            }
            return null;
        }).when(queue).record(anyList());
        TurnSignals signals = new TurnSignals();
        DeliveryEngine engine = new DeliveryEngine(queue, queue, queue, repository, sender, signals,
                mock(DeliveryMetrics.class), new InlineTransactions(), settings, clock);

        int answered = 0;
        boolean timePassed = false;
        for (int step = 0; rows.stream().anyMatch(row -> row.status.isOpen()); step++) {
            if (step > 100_000) {
                fail(run + ": no end in sight");
            }
            List<FakeWebhookPort.Request> requests = sender.requests();
            for (; answered < requests.size() && random.nextInt(3) > 0; answered++) {
                requests.get(answered).answer(randomAttempt(clock.instant(), successRate));
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
                outages++;
                if (mayBeDue) {
                    signals.wake(); // the loop tells the next turn again
                }
            }
            // Isolation: bounded requests open per webhook; bounded deliveries held per webhook and in all
            Map<WebhookId, Integer> open = new HashMap<>();
            for (FakeWebhookPort.Request request : requests) {
                if (!request.answer().isDone()) {
                    open.merge(byUrl.get(request.url()), 1, Integer::sum);
                }
            }
            open.values().forEach(n -> assertTrue(n <= settings.maxInFlightPerWebhook(), run + ": per webhook " + n));
            Map<WebhookId, Integer> held = new HashMap<>();
            rows.forEach(row -> held.merge(row.webhookId, row.sends, Integer::sum));
            recordedPerWebhook.forEach((id, done) -> held.merge(id, -done, Integer::sum));
            held.values().forEach(n -> assertTrue(n <= settings.maxClaimedPerWebhook(), run + ": held " + n));
            assertTrue(held.values().stream().mapToInt(Integer::intValue).sum() <= settings.maxInFlight(), run);
            assertEquals(held.values().stream().mapToInt(Integer::intValue).sum(), engine.inFlight(), run);
            if (engine.inFlight() == 0) {
                Instant before = clock.instant();
                rows.stream().filter(row -> row.status.isOpen()).map(row -> row.nextAttemptAt)
                        .min(Comparator.naturalOrder()).filter(due -> due.isAfter(clock.instant()))
                        .ifPresent(clock::set);
                timePassed = clock.instant().isAfter(before);
            }
        }

        assertEquals(0, engine.inFlight(), run);
        for (Row row : rows) {
            String where = run + ", " + row.id;
            assertEquals(row.attempts, row.sends, where + ": every attempt recorded exactly once");
            assertTrue(row.attempts <= schedule.maxAttempts(), where);
            if (row.status == DeliveryStatus.SUCCEEDED) {
                assertTrue(row.successes.get(row.successes.size() - 1), where);
                assertTrue(row.successes.subList(0, row.successes.size() - 1).stream().noneMatch(s -> s), where);
                succeeded++;
            } else {
                assertEquals(DeliveryStatus.FAILED, row.status, where);
                assertEquals(schedule.maxAttempts(), row.attempts, where);
                assertTrue(row.successes.stream().noneMatch(s -> s), where);
                failed++;
            }
            for (int i = 1; i < row.retryTimes.size(); i++) {
                assertTrue(row.retryTimes.get(i).isAfter(row.retryTimes.get(i - 1)), where + ": retry times increase");
            }
        }
        // Order: a webhook's deliveries are first attempted in seq order
        Map<WebhookId, Long> lastFirstSeq = new HashMap<>();
        Map<EventId, Boolean> seen = new HashMap<>();
        for (FakeWebhookPort.Request request : sender.requests()) {
            Row row = rows.stream().filter(r -> r.eventId.equals(request.eventId())).findFirst().orElseThrow();
            assertEquals(row.payload, request.payload(), run);
            assertEquals(webhooks.get(row.webhookId).url(), request.url(), run);
            if (seen.put(row.eventId, true) == null) {
                Long before = lastFirstSeq.put(row.webhookId, row.id.value());
                assertTrue(before == null || before < row.id.value(), run + ": first attempts out of seq order");
            }
        }
    }

    private static long dueRows(List<Row> rows, Instant now) {
        return rows.stream().filter(row -> row.status.isOpen() && !row.nextAttemptAt.isAfter(now)).count();
    }

    /** Due open rows, oldest due first then by id, within the limit and each webhook's room; leased. */
    private static List<ClaimedDelivery> claim(List<Row> rows, int limit, Map<WebhookId, Integer> room,
                                               int roomOfOthers, Instant now, Instant leaseUntil) {
        Map<WebhookId, Integer> left = new HashMap<>(room);
        List<ClaimedDelivery> claimed = new ArrayList<>();
        rows.stream()
                .filter(row -> row.status.isOpen() && !row.nextAttemptAt.isAfter(now))
                .sorted(Comparator.comparing((Row row) -> row.nextAttemptAt).thenComparing(row -> row.id.value()))
                .forEach(row -> {
                    int free = left.getOrDefault(row.webhookId, roomOfOthers);
                    if (claimed.size() < limit && free > 0) {
                        left.put(row.webhookId, free - 1);
                        row.nextAttemptAt = leaseUntil;
                        row.sends++;
                        claimed.add(new ClaimedDelivery(row.id, row.webhookId, Fixture.BASE_ID, row.id.value(),
                                row.eventId, row.attempts, 0, row.payload));
                    }
                });
        return claimed;
    }

    private static void record(List<Row> rows, DeliveryOutcome outcome, String run) {
        Row row = rows.stream().filter(r -> r.id.equals(outcome.id())).findFirst().orElseThrow();
        String where = run + ", " + row.id;
        assertTrue(row.status.isOpen(), where + ": recorded after it closed");
        assertEquals(row.attempts + 1, outcome.attempts(), where);
        assertEquals(row.webhookId, outcome.webhookId(), where);
        assertEquals(outcome.attempt().succeeded(), outcome.status() == DeliveryStatus.SUCCEEDED, where);
        row.attempts = outcome.attempts();
        row.status = outcome.status();
        row.successes.add(outcome.attempt().succeeded());
        if (outcome.status().isOpen()) {
            assertTrue(outcome.nextAttemptAt().isAfter(outcome.attempt().at()), where);
            row.nextAttemptAt = outcome.nextAttemptAt();
            row.retryTimes.add(outcome.nextAttemptAt());
        }
    }

    private Attempt randomAttempt(Instant at, double successRate) {
        // fast answers give a webhook room to claim ahead of its slots, slow ones keep it at its slots
        Duration took = Duration.ofMillis(random.nextBoolean() ? random.nextInt(20) : random.nextInt(15_000));
        if (random.nextDouble() < successRate) {
            return Attempt.answered(at, took, Map.of(), 200 + random.nextInt(5), Map.of(), "ok", null);
        }
        switch (random.nextInt(4)) {
            case 0:
                return Attempt.failed(at, took, Map.of(), AttemptError.values()[random.nextInt(AttemptError.values().length)],
                        "no answer");
            case 1:
                return Attempt.answered(at, took, Map.of(), random.nextBoolean() ? 429 : 503, Map.of(), "",
                        Duration.ofSeconds(random.nextInt(100_000)));
            case 2:
                return Attempt.answered(at, took, Map.of(), 301 + random.nextInt(7), Map.of(), "", null);
            default:
                return Attempt.answered(at, took, Map.of(), 400 + random.nextInt(200), Map.of(), "nope", null);
        }
    }

    /** 1 to 4 steps of up to an hour, in any order. */
    private RetrySchedule randomSchedule() {
        List<Duration> steps = new ArrayList<>();
        int size = 1 + random.nextInt(4);
        for (int i = 0; i < size; i++) {
            steps.add(Duration.ofSeconds(1 + random.nextInt(3600)));
        }
        return new RetrySchedule(steps);
    }
}
