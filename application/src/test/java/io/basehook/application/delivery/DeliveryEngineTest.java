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
import io.basehook.application.port.out.DeliveryWakeup;
import io.basehook.application.port.out.WebhookRepository;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.delivery.AttemptError;
import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.delivery.DeliveryStatus;
import io.basehook.domain.delivery.RetrySchedule;
import io.basehook.domain.row.EventId;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;
import io.basehook.domain.webhook.WebhookSecret;
import io.basehook.domain.webhook.WebhookUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mockito.InOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * The delivery guarantees in the engine: claims up to the free capacity, sends without waiting, records each outcome
 * once with its retry schedule. Requests stay in flight until the test answers them; the clock moves by hand.
 */
class DeliveryEngineTest {

    private static final BaseId BASE_ID = Fixture.BASE_ID;
    private static final Instant NOW = Fixture.NOW;
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final Duration DISABLE_AFTER = Duration.ofDays(5);
    private static final Duration TOOK = Duration.ofSeconds(2);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final DeliverySettings SETTINGS = new DeliverySettings(10, 50, 2, 6, TIMEOUT, LEASE,
            RetrySchedule.DEFAULT, DISABLE_AFTER);

    /** One call of {@code claim}, as the queue saw it. */
    private record Claim(int limit, Map<WebhookId, Integer> room, int roomOfOthers, Instant now, Instant leaseUntil) {
    }

    private final AllDeliveryPorts queue = mock(AllDeliveryPorts.class);
    private final WebhookRepository webhooks = mock(WebhookRepository.class);
    private final DeliveryWakeup wakeup = mock(DeliveryWakeup.class);
    private final DeliveryMetrics metrics = mock(DeliveryMetrics.class);
    private final FakeWebhookPort sender = new FakeWebhookPort();
    private final TestClock clock = new TestClock(NOW);
    private final InlineTransactions transactions = InlineTransactions.spied();

    private final Map<WebhookId, Webhook> stored = new LinkedHashMap<>();
    private final Deque<List<ClaimedDelivery>> due = new ArrayDeque<>();
    private final List<Claim> claims = new ArrayList<>();
    /** The payload bytes each claim was given room for. */
    private final List<Long> claimBytes = new ArrayList<>();
    private final List<DeliveryOutcome> recorded = new ArrayList<>();
    private boolean databaseDown;

    private final Webhook hookA = givenWebhook("https://a.example/hook", true);
    private final Webhook hookB = givenWebhook("https://b.example/hook", true);
    private long nextId = 1;
    private final DeliveryEngine engine = engine(SETTINGS);

    DeliveryEngineTest() {
        when(webhooks.findByIds(anyCollection())).thenAnswer(call -> {
            Map<WebhookId, Webhook> found = new LinkedHashMap<>();
            for (WebhookId id : call.<Collection<WebhookId>>getArgument(0)) {
                if (stored.containsKey(id)) {
                    found.put(id, stored.get(id));
                }
            }
            return found;
        });
        // the queue hands out the batches given to due(), one per claim, then nothing
        when(queue.claim(anyInt(), anyMap(), anyInt(), any(), any(), anyLong())).thenAnswer(call -> {
            claims.add(new Claim(call.getArgument(0), call.getArgument(1), call.getArgument(2), call.getArgument(3),
                    call.getArgument(4)));
            claimBytes.add(call.getArgument(5));
            return new DeliveryClaims.Claim(due.isEmpty() ? List.of() : due.poll(), false, false);
        });
        doAnswer(call -> {
            if (databaseDown) {
                throw new IllegalStateException("database down");
            }
            recorded.addAll(call.getArgument(0));
            return null;
        }).when(queue).record(anyList());
    }

    private DeliveryEngine engine(DeliverySettings settings) {
        return new DeliveryEngine(queue, queue, queue, webhooks, sender, wakeup, metrics, transactions, settings, clock);
    }

    private Webhook givenWebhook(String url, boolean enabled) {
        Webhook webhook = Webhook.restore(WebhookId.random(), BASE_ID, new WebhookUrl(url), "", enabled, false,
                WebhookSecret.generate(), null, null, null, Fixture.CREATED, Fixture.CREATED);
        stored.put(webhook.id(), webhook);
        return webhook;
    }

    /** A delivery of the next event to the webhook, with {@code attempts} already made. */
    private ClaimedDelivery delivery(Webhook webhook, int attempts) {
        long id = nextId++;
        return new ClaimedDelivery(new DeliveryId(id), webhook.id(), BASE_ID, id, EventId.at(NOW), attempts, 0,
                "{\"seq\":" + id + "}");
    }

    /** A first attempt of the next event to the webhook, with this payload. */
    private ClaimedDelivery delivery(Webhook webhook, String payload) {
        long id = nextId++;
        return new ClaimedDelivery(new DeliveryId(id), webhook.id(), BASE_ID, id, EventId.at(NOW), 0, 0, payload);
    }

    /** The next claim answers these deliveries. */
    private void due(ClaimedDelivery... deliveries) {
        due.add(List.of(deliveries));
    }

    private static Attempt answered(int status, Duration retryAfter) {
        return Attempt.answered(NOW, TOOK, Map.of(), status, Map.of(), "", retryAfter);
    }

    private static Attempt ok() {
        return answered(200, null);
    }

    private static Attempt failed(AttemptError error) {
        return Attempt.failed(NOW, TOOK, Map.of(), error, "detail");
    }

    /** Sends one delivery with {@code attempts} made, answers it, and records it on the next turn. */
    private DeliveryOutcome outcomeOf(int attempts, Attempt attempt) {
        ClaimedDelivery delivery = delivery(hookA, attempts);
        due(delivery);
        engine.deliverDue();
        sender.request(0).answer(attempt);
        engine.deliverDue();
        assertEquals(1, recorded.size());
        return recorded.get(0);
    }

    @Test
    void aTurnClaimsUpToTheBatchWithTheBusyMapAndALease() {
        assertEquals(0, engine.deliverDue());
        assertEquals(List.of(new Claim(10, Map.of(), 2, NOW, NOW.plus(LEASE))), claims);
        verifyNoInteractions(webhooks, wakeup);
    }

    // payloads are held in memory from the claim until the outcome is recorded: a claim reads only what fits
    @Test
    void aClaimIsGivenRoomOnlyForThePayloadBytesTheEngineDoesNotHoldAlready() {
        DeliveryEngine engine = engine(new DeliverySettings(10, 50, 2, 6, TIMEOUT, LEASE,
                RetrySchedule.DEFAULT, DISABLE_AFTER, 0, 100));
        due(delivery(hookA, "a".repeat(40)), delivery(hookB, "b".repeat(40)));
        engine.deliverDue();
        // the queue takes the first delivery however large it is
        due(delivery(hookA, "c".repeat(30)));
        engine.deliverDue();
        assertEquals(List.of(100L, 20L), claimBytes);
        assertEquals(3, sender.requests().size());

        engine.deliverDue();
        assertEquals(2, claims.size(), "110 bytes held of 100: no claim");

        sender.request(0).answer(ok());
        engine.deliverDue();
        assertEquals(List.of(100L, 20L, 30L), claimBytes, "the recorded 40 bytes are free again");
    }

    // one transaction per turn: what finished is written down and what is due is leased together, and nothing is
    // sent before that lease is committed (another instance could take an uncommitted claim)
    @Test
    void aTurnRecordsAndClaimsInOneTransactionAndSendsOnlyAfterItCommits() {
        due(delivery(hookA, 0));
        engine.deliverDue();
        sender.request(0).answer(ok());
        List<Integer> sentAtCommit = new ArrayList<>();
        doAnswer(call -> sentAtCommit.add(sender.requests().size())).when(transactions).commit();
        due(delivery(hookB, 0));

        assertEquals(2, engine.deliverDue());

        InOrder order = inOrder(transactions, queue);
        order.verify(transactions).inTransaction(any());
        order.verify(queue).record(anyList());
        order.verify(queue).claim(anyInt(), anyMap(), anyInt(), any(), any(), anyLong());
        order.verify(transactions).commit();
        assertEquals(List.of(1), sentAtCommit);
        assertEquals(2, sender.requests().size());
    }

    // the webhooks' health takes their bases' locks, which a transaction holding deliveries must not wait for
    @Test
    void theWebhooksHealthIsRecordedAfterTheTurnCommits() {
        due(delivery(hookA, 0));
        engine.deliverDue();
        sender.request(0).answer(failed(AttemptError.TIMEOUT));

        engine.deliverDue();

        InOrder order = inOrder(transactions, queue);
        order.verify(queue).record(anyList());
        order.verify(transactions).commit();
        order.verify(queue).recordHealth(anyList(), any());
    }

    @Test
    void aFailedHealthRecordLosesNoOutcomeAndTheLoopGoesOn() {
        when(queue.recordHealth(anyList(), any())).thenThrow(new IllegalStateException("deadlock found"));
        due(delivery(hookA, 0), delivery(hookB, 0));
        engine.deliverDue();
        sender.request(0).answer(failed(AttemptError.TIMEOUT));
        sender.request(1).answer(ok());

        assertDoesNotThrow(() -> engine.deliverDue());

        assertEquals(List.of(DeliveryStatus.RETRYING, DeliveryStatus.SUCCEEDED),
                recorded.stream().map(DeliveryOutcome::status).toList());
        assertEquals(0, engine.inFlight());
        verify(queue, never()).parkDue(any(), any());
    }

    @Test
    void slotsOfAttemptsRecordedInATurnAreFreeForItsClaim() {
        due(delivery(hookA, 0), delivery(hookA, 0));
        engine.deliverDue();
        sender.request(0).answer(ok());
        sender.request(1).answer(ok());
        due(delivery(hookA, 0), delivery(hookA, 0));

        assertEquals(4, engine.deliverDue());

        // hookA was at its cap of 2 before the turn; both slots were given back before the claim
        assertEquals(new Claim(10, Map.of(), 2, NOW, NOW.plus(LEASE)), claims.get(1));
        assertEquals(4, sender.requests().size());
        assertEquals(2, engine.inFlight());
    }

    // the loop turns again at once only when a claim came back full: anything else waits for a wake-up
    @Test
    void moreIsDueOnlyAfterAClaimCutByItsBatchSize() {
        List<ClaimedDelivery> full = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            full.add(delivery(hookA, 0));
            full.add(delivery(hookB, 0));
        }
        due(full.toArray(ClaimedDelivery[]::new));
        assertEquals(10, engine.deliverDue());
        assertTrue(engine.moreDue());

        due(delivery(hookA, 0));
        engine.deliverDue();
        assertFalse(engine.moreDue());
        engine.deliverDue();
        assertFalse(engine.moreDue());
    }

    // Isolation: this instance never has more than maxInFlight requests open
    @Test
    void aTurnClaimsNoMoreThanTheFreeRoomAndNothingWhenFull() {
        DeliveryEngine small = engine(new DeliverySettings(10, 3, 2, 2, TIMEOUT, LEASE, RetrySchedule.DEFAULT, DISABLE_AFTER));
        due(delivery(hookA, 0), delivery(hookB, 0));
        assertEquals(2, small.deliverDue());
        due(delivery(hookB, 0));
        assertEquals(1, small.deliverDue());
        assertEquals(0, small.deliverDue());

        assertEquals(List.of(3, 1), claims.stream().map(Claim::limit).toList());
        assertEquals(3, small.inFlight());
    }

    @Test
    void eachClaimedDeliveryIsSentToItsWebhookWithItsEventIdPayloadAndSigningSecrets() {
        WebhookSecret old = hookA.secret();
        hookA.rotateSecret(NOW.minus(Duration.ofHours(1)));
        ClaimedDelivery first = delivery(hookA, 0);
        ClaimedDelivery second = delivery(hookB, 3);
        ClaimedDelivery third = delivery(hookA, 1);
        due(first, second, third);

        assertEquals(3, engine.deliverDue());

        // each webhook's in claim order (its lane), one webhook after the other
        List<FakeWebhookPort.Request> requests = sender.requests();
        assertEquals(3, requests.size());
        assertEquals(List.of(hookA.url(), hookA.url(), hookB.url()), requests.stream().map(FakeWebhookPort.Request::url).toList());
        assertEquals(List.of(first.eventId(), third.eventId(), second.eventId()),
                requests.stream().map(FakeWebhookPort.Request::eventId).toList());
        assertEquals(List.of(first.payload(), third.payload(), second.payload()),
                requests.stream().map(FakeWebhookPort.Request::payload).toList());
        // During a rotation both secrets sign
        assertEquals(List.of(hookA.secret(), old), requests.get(0).secrets());
        assertEquals(List.of(hookB.secret()), requests.get(2).secrets());
        // one look-up for the whole batch, not one per delivery
        verify(webhooks).findByIds(Set.of(hookA.id(), hookB.id()));
        assertEquals(3, engine.inFlight());
    }

    // the loop sleeps until woken: a finished attempt must wake it, and is recorded by the loop, not the sender
    @Test
    void aFinishedSendWakesTheLoopAndIsRecordedOnTheNextTurn() {
        due(delivery(hookA, 0));
        engine.deliverDue();
        verifyNoInteractions(wakeup);

        sender.request(0).answer(ok());

        verify(wakeup).answered();
        verify(wakeup, never()).wake();
        verify(queue, never()).record(anyList());
        assertEquals(1, engine.deliverDue());
        assertEquals(1, recorded.size());
    }

    @Test
    void aSuccessIsRecordedAsSucceededWithOneMoreAttemptAndNoNextAttempt() {
        Attempt attempt = ok();
        DeliveryOutcome outcome = outcomeOf(3, attempt);
        assertEquals(new DeliveryOutcome(new DeliveryId(1), hookA.id(), attempt, 4, DeliveryStatus.SUCCEEDED, null),
                outcome);
    }

    // A webhook is disabled after disableAfter without any 2xx, counted back from the recording
    @Test
    void recordIsToldToDisableWebhooksFailingSinceBeforeNowMinusDisableAfter() {
        due(delivery(hookA, 0));
        engine.deliverDue();
        sender.request(0).answer(failed(AttemptError.TIMEOUT));
        clock.advance(Duration.ofSeconds(20));
        engine.deliverDue();
        verify(queue).recordHealth(anyList(), eq(NOW.plusSeconds(20).minus(DISABLE_AFTER)));
    }

    // a webhook the record disabled leaves no due backlog at the head of the due index
    @Test
    void aWebhookTheRecordDisabledHasItsDueDeliveriesParkedAfterTheTurn() {
        when(queue.recordHealth(anyList(), any())).thenReturn(List.of(hookA.id()));
        due(delivery(hookA, 0));
        engine.deliverDue();
        sender.request(0).answer(failed(AttemptError.TIMEOUT));
        clock.advance(Duration.ofSeconds(20));

        engine.deliverDue();

        InOrder order = inOrder(queue);
        order.verify(queue).record(anyList());
        order.verify(queue).parkDue(hookA.id(), NOW.plusSeconds(20));
        verify(queue, never()).parkDue(eq(hookB.id()), any());
    }

    @Test
    void aFailedParkLeavesTheDisabledWebhooksDeliveriesToTheClaimsAndTheLoopGoesOn() {
        when(queue.recordHealth(anyList(), any())).thenReturn(List.of(hookA.id(), hookB.id()));
        doThrow(new IllegalStateException("connection lost")).when(queue).parkDue(eq(hookA.id()), any());
        due(delivery(hookA, 0));
        engine.deliverDue();
        sender.request(0).answer(failed(AttemptError.TIMEOUT));

        assertDoesNotThrow(() -> engine.deliverDue());

        verify(queue).parkDue(eq(hookB.id()), any());
        assertEquals(0, engine.inFlight());
    }

    // each step counts from the end of the attempt that failed
    @Test
    void aFailureIsRetriedAtTheAttemptsEndPlusItsStep() {
        Attempt attempt = answered(500, null);
        DeliveryOutcome outcome = outcomeOf(2, attempt);
        assertEquals(new DeliveryOutcome(new DeliveryId(1), hookA.id(), attempt, 3, DeliveryStatus.RETRYING,
                NOW.plus(TOOK).plus(Duration.ofMinutes(30))), outcome);
    }

    @Test
    void anErrorWithoutAnAnswerIsRetriedLikeAFailedAnswer() {
        DeliveryOutcome outcome = outcomeOf(0, failed(AttemptError.CONNECTION_REFUSED));
        assertEquals(DeliveryStatus.RETRYING, outcome.status());
        assertEquals(1, outcome.attempts());
        assertEquals(NOW.plus(TOOK).plusSeconds(5), outcome.nextAttemptAt());
    }

    // Retry-After on 429/503 is honoured within the schedule's bounds
    @Test
    void aRetryAfterPutsTheNextAttemptLaterButNeverBeyondTheLongestStep() {
        DeliveryOutcome honoured = outcomeOf(0, answered(429, Duration.ofHours(1)));
        assertEquals(NOW.plus(TOOK).plus(Duration.ofHours(1)), honoured.nextAttemptAt());

        recorded.clear();
        sender.requests().clear();
        DeliveryOutcome capped = outcomeOf(0, answered(503, Duration.ofDays(3)));
        assertEquals(NOW.plus(TOOK).plus(Duration.ofHours(10)), capped.nextAttemptAt());
    }

    @Test
    void theEighthFailedAttemptFailsTheDelivery() {
        Attempt attempt = answered(500, Duration.ofMinutes(1));
        DeliveryOutcome outcome = outcomeOf(7, attempt);
        assertEquals(new DeliveryOutcome(new DeliveryId(1), hookA.id(), attempt, 8, DeliveryStatus.FAILED, null),
                outcome);
    }

    // the queue limits each webhook by what this instance already holds of it; one it holds nothing of gets the
    // default room (its request slots) and is left out of the map
    @Test
    void roomShrinksWhileSendsAreOpenAndGrowsBackOnceRecorded() {
        due(delivery(hookA, 0), delivery(hookA, 0), delivery(hookB, 0));
        engine.deliverDue();
        engine.deliverDue();
        assertEquals(Map.of(hookA.id(), 0, hookB.id(), 1), claims.get(1).room());

        sender.request(0).answer(ok());
        engine.deliverDue();
        assertEquals(Map.of(hookA.id(), 1, hookB.id(), 1), claims.get(2).room());

        sender.request(1).answer(answered(500, null));
        sender.request(2).answer(ok());
        engine.deliverDue();
        assertEquals(Map.of(), claims.get(3).room());
        assertEquals(0, engine.inFlight());
    }

    private static Attempt okAfter(Duration took) {
        return Attempt.answered(NOW, took, Map.of(), 200, Map.of(), "", null);
    }

    // a fast endpoint is not paced by the database turns: claimed deliveries wait in its lane, and each answer
    // starts the next at once, in claim order, never with more requests open than its slots
    @Test
    void anAnswerStartsTheWebhooksNextClaimedDeliveryAtOnceWithinItsSlots() {
        ClaimedDelivery first = delivery(hookA, 0);
        ClaimedDelivery second = delivery(hookA, 0);
        ClaimedDelivery third = delivery(hookA, 0);
        ClaimedDelivery fourth = delivery(hookA, 0);
        due(first, second, third, fourth);

        assertEquals(4, engine.deliverDue());
        assertEquals(2, sender.requests().size(), "two slots");
        assertEquals(4, engine.inFlight(), "held: two sent, two waiting");

        sender.request(1).answer(okAfter(Duration.ofMillis(10)));
        assertEquals(3, sender.requests().size(), "the freed slot was used without a turn");
        sender.request(2).answer(okAfter(Duration.ofMillis(10)));
        sender.request(0).answer(okAfter(Duration.ofMillis(10)));
        assertEquals(4, sender.requests().size());
        assertEquals(List.of(first.eventId(), second.eventId(), third.eventId(), fourth.eventId()),
                sender.requests().stream().map(FakeWebhookPort.Request::eventId).toList());
        assertEquals(1, claims.size(), "no turn was needed to send them");

        assertEquals(3, engine.deliverDue());
        assertEquals(1, engine.inFlight());
    }

    // how much a webhook may hold follows its pace: slots plus what they finish in CLAIM_AHEAD, at most the cap
    @Test
    void aFastWebhookGetsRoomBeyondItsSlotsAndASlowOneOnlyItsSlots() {
        due(delivery(hookA, 0), delivery(hookB, 0));
        engine.deliverDue();
        sender.request(0).answer(okAfter(Duration.ofMillis(10)));
        sender.request(1).answer(okAfter(Duration.ofSeconds(2)));
        due(delivery(hookA, 0), delivery(hookB, 0));
        engine.deliverDue();
        engine.deliverDue();

        // hookA: 2 slots + 2 * 200 ms / 10 ms, capped at 6, less the one it holds; hookB: 2 slots less one
        assertEquals(Map.of(hookA.id(), 5, hookB.id(), 1), claims.get(2).room());
    }

    // a delivery that waited so long that its lease would end before the answer is not sent: a second instance
    // would send it too. It is given back in the next turn, due at once, under its own lease only
    @Test
    void aWaitingDeliveryNearTheEndOfItsLeaseIsGivenBackUnsent() {
        ClaimedDelivery late = delivery(hookA, 0);
        due(delivery(hookA, 0), delivery(hookA, 0), late);
        engine.deliverDue();
        clock.advance(LEASE.minus(TIMEOUT));

        sender.request(0).answer(ok());

        assertEquals(2, sender.requests().size());
        verify(wakeup, atLeastOnce()).wake();
        engine.deliverDue();
        Instant now = NOW.plus(LEASE.minus(TIMEOUT));
        verify(queue).release(List.of(late.id()), NOW.plus(LEASE), now);
        assertEquals(1, recorded.size());
        assertEquals(1, engine.inFlight());
    }

    // Shutdown: what waits for a slot is released at once, what is in flight is finished and recorded
    @Test
    void drainGivesBackWhatWaitsAndRecordsWhatWasSent() {
        ClaimedDelivery waiting = delivery(hookA, 0);
        due(delivery(hookA, 0), delivery(hookA, 0), waiting);
        engine.deliverDue();
        // the answers come once draining began: the slots they free must not start the waiting delivery
        doAnswer(call -> {
            sender.request(0).answer(ok());
            sender.request(1).answer(ok());
            return null;
        }).when(queue).release(anyCollection(), any(), any());

        engine.drain(Duration.ofMinutes(1));

        verify(queue).release(List.of(waiting.id()), NOW.plus(LEASE), NOW);
        assertEquals(2, sender.requests().size(), "nothing new starts once draining");
        assertEquals(2, recorded.size());
        assertEquals(0, engine.inFlight());
    }

    // Auto-disable: deliveries of a disabled webhook wait until it is enabled again
    @Test
    void aDeliveryOfADisabledWebhookIsParkedAndOneOfADeletedWebhookSkipped() {
        Webhook disabled = givenWebhook("https://c.example/hook", false);
        Webhook deleted = givenWebhook("https://d.example/hook", true);
        stored.remove(deleted.id());
        ClaimedDelivery parked = delivery(disabled, 2);
        ClaimedDelivery sent = delivery(hookB, 0);
        due(parked, delivery(deleted, 0), sent);

        assertEquals(3, engine.deliverDue());

        verify(queue).park(List.of(parked.id()));
        assertEquals(1, sender.requests().size());
        assertEquals(sent.eventId(), sender.request(0).eventId());
        assertEquals(1, engine.inFlight());
        engine.deliverDue();
        assertEquals(Map.of(hookB.id(), 1), claims.get(1).room());
        assertEquals(2, claims.get(1).roomOfOthers());
    }

    @Test
    void nothingToParkParksNothing() {
        due(delivery(hookA, 0));
        engine.deliverDue();
        verify(queue, never()).park(anyCollection());
    }

    // No outcome lives only in memory for long, but a database outage must not lose or double one
    @Test
    void whenRecordingFailsTheOutcomesAreKeptAndRecordedOnceOnALaterTurn() {
        due(delivery(hookA, 0), delivery(hookB, 0));
        engine.deliverDue();
        sender.request(0).answer(ok());

        databaseDown = true;
        assertThrows(IllegalStateException.class, engine::deliverDue);
        assertThrows(IllegalStateException.class, engine::deliverDue);
        assertEquals(2, engine.inFlight());
        // no new work is taken while finished work cannot be written down
        assertEquals(1, claims.size());

        sender.request(1).answer(answered(500, null));
        databaseDown = false;
        assertEquals(2, engine.deliverDue());

        assertEquals(List.of(new DeliveryId(1), new DeliveryId(2)), recorded.stream().map(DeliveryOutcome::id).toList());
        assertEquals(List.of(DeliveryStatus.SUCCEEDED, DeliveryStatus.RETRYING),
                recorded.stream().map(DeliveryOutcome::status).toList());
        assertEquals(Map.of(), claims.get(1).room());
        assertEquals(0, engine.inFlight());

        engine.deliverDue();
        assertEquals(2, recorded.size());
        verify(queue, times(3)).record(anyList());
    }

    @Test
    void anAnswerGivenBeforeSendReturnsIsRecordedOnTheNextTurn() {
        Attempt refused = failed(AttemptError.BLOCKED_ADDRESS);
        sender.answerAtOnce(refused);
        due(delivery(hookA, 0));

        assertEquals(1, engine.deliverDue());
        verify(wakeup).answered();
        assertEquals(1, engine.deliverDue());

        assertEquals(List.of(refused), recorded.stream().map(DeliveryOutcome::attempt).toList());
        assertEquals(0, engine.inFlight());
    }

    // the port promises never to fail its future; if an adapter breaks that, the delivery must still move on
    @Test
    void aSendThatFailsInsteadOfAnsweringIsRecordedAsAFailedConnection() {
        due(delivery(hookA, 0));
        engine.deliverDue();
        clock.advance(Duration.ofSeconds(3));
        sender.request(0).answer().completeExceptionally(new IllegalStateException("bug in the sender"));
        engine.deliverDue();

        DeliveryOutcome outcome = recorded.get(0);
        assertEquals(DeliveryStatus.RETRYING, outcome.status());
        assertEquals(AttemptError.CONNECTION_FAILED, outcome.attempt().error());
        assertEquals(NOW, outcome.attempt().at());
        assertEquals(Duration.ofSeconds(3), outcome.attempt().duration());
        assertNull(outcome.attempt().responseStatus());
    }

    // a slot taken by a send that never started would be lost for good: the webhook, then the instance, would stall
    @Test
    void aSendThatThrowsIsRecordedAsAFailedConnectionAndFreesItsSlot() {
        sender.throwOnSend(new IllegalStateException("client closed"));
        ClaimedDelivery parked = delivery(givenWebhook("https://c.example/hook", false), 0);
        due(delivery(hookA, 0), delivery(hookA, 0), parked);

        assertEquals(3, engine.deliverDue());
        verify(queue).park(List.of(parked.id()));
        engine.deliverDue();

        assertEquals(List.of(DeliveryStatus.RETRYING, DeliveryStatus.RETRYING),
                recorded.stream().map(DeliveryOutcome::status).toList());
        assertEquals(AttemptError.CONNECTION_FAILED, recorded.get(0).attempt().error());
        assertEquals(0, engine.inFlight());
        assertEquals(Map.of(), claims.get(1).room());
    }

    @Test
    void inFlightCountsSendsUntilTheirOutcomeIsRecorded() {
        assertEquals(0, engine.inFlight());
        due(delivery(hookA, 0), delivery(hookA, 0), delivery(hookB, 0));
        engine.deliverDue();
        assertEquals(3, engine.inFlight());

        sender.request(0).answer(ok());
        sender.request(2).answer(ok());
        assertEquals(3, engine.inFlight());

        engine.deliverDue();
        assertEquals(1, engine.inFlight());
    }

    // Shutdown: stop claiming, finish what is held, record it
    @Test
    @Timeout(30) // guards against a hang only; the test asserts no timing
    void drainStopsClaimingAndRecordsWhatFinishes() throws InterruptedException {
        due(delivery(hookA, 0), delivery(hookB, 0));
        engine.deliverDue();
        sender.request(0).answer(ok());
        Thread lateAnswer = new Thread(() -> sender.request(1).answer(answered(500, null)));
        lateAnswer.start();

        engine.drain(Duration.ofMinutes(1));
        lateAnswer.join();

        assertEquals(2, recorded.size());
        assertEquals(0, engine.inFlight());
        due(delivery(hookA, 0));
        assertEquals(0, engine.deliverDue());
        assertEquals(1, claims.size());
    }

    // what is still open at the deadline is left to its lease: another instance sends it again
    @Test
    void drainGivesUpAtItsDeadlineLeavingTheUnansweredInFlight() {
        due(delivery(hookA, 0), delivery(hookB, 0));
        engine.deliverDue();
        sender.request(0).answer(ok());
        clock.tickOnEveryRead(Duration.ofSeconds(1));

        engine.drain(Duration.ofSeconds(5));

        assertEquals(List.of(new DeliveryId(1)), recorded.stream().map(DeliveryOutcome::id).toList());
        assertEquals(1, engine.inFlight());
    }

    @Test
    void drainSwallowsADatabaseOutageUntilItsDeadline() {
        due(delivery(hookA, 0));
        engine.deliverDue();
        sender.request(0).answer(ok());
        databaseDown = true;
        clock.tickOnEveryRead(Duration.ofSeconds(1));

        engine.drain(Duration.ofSeconds(5));

        assertEquals(List.of(), recorded);
        assertEquals(1, engine.inFlight());
    }
}
