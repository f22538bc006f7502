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
import io.basehook.application.port.out.DeliveryWakeup;
import io.basehook.application.port.out.WebhookRepository;
import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.delivery.DeliveryStatus;
import io.basehook.domain.delivery.RetrySchedule;
import io.basehook.domain.row.EventId;
import io.basehook.domain.row.OpType;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.webhook.Webhook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.basehook.application.service.Fixture.BASE_ID;
import static io.basehook.application.service.Fixture.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Which writes a webhook takes directly, in which order they start, and what a rollback or a shutdown does. */
class DeliveryHandoffTest {

    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final DeliverySettings SETTINGS = new DeliverySettings(10, 50, 16, 32, Duration.ofSeconds(15),
            LEASE, RetrySchedule.DEFAULT, Duration.ofDays(5), 100);

    private final AllDeliveryPorts queue = mock(AllDeliveryPorts.class);
    private final DeliveryWakeup wakeup = mock(DeliveryWakeup.class);
    private final FakeWebhookPort sender = new FakeWebhookPort();
    private final TestClock clock = new TestClock(NOW);
    private final Webhook webhook = Fixture.webhookAt("https://hook.example/", true);
    private final List<DeliveryOutcome> recorded = new ArrayList<>();
    private DeliveryClaims.Claim nextClaim = new DeliveryClaims.Claim(List.of(), true, true);
    private long nextSeq = 1;
    private DeliveryEngine engine = engine(SETTINGS);

    @BeforeEach
    void queue() {
        when(queue.claim(anyInt(), anyMap(), anyInt(), any(), any(), anyLong())).thenAnswer(call -> nextClaim);
        doAnswer(call -> {
            recorded.addAll(call.getArgument(0));
            return null;
        }).when(queue).record(anyList());
    }

    private DeliveryEngine engine(DeliverySettings settings) {
        WebhookRepository webhooks = mock(WebhookRepository.class);
        when(webhooks.findByIds(anyCollection())).thenReturn(Map.of(webhook.id(), webhook));
        return new DeliveryEngine(queue, queue, queue, webhooks, sender, wakeup, mock(DeliveryMetrics.class),
                new InlineTransactions(), settings, clock);
    }

    /** Reserves a write of {@code count} events to the webhook and fills it, as the recorder does. */
    private DeliveryHandoff.Reservation write(int count) {
        List<StoredEvent> events = new ArrayList<>();
        List<DeliveryId> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long seq = nextSeq++;
            events.add(new StoredEvent(BASE_ID, seq, EventId.at(NOW), OpType.INSERT_ROW, NOW, "{\"seq\":" + seq + "}"));
            ids.add(new DeliveryId(seq));
        }
        DeliveryHandoff.Reservation reservation = engine.reserve(List.of(webhook), count, bytes(events),
                clock.instant());
        reservation.fill(events, ids);
        return reservation;
    }

    /** The webhook has a lane, and a claim has seen that nothing of it is due. */
    private void caughtUp() {
        engine.reserve(List.of(webhook), 1, 0, clock.instant()).rolledBack();
        engine.deliverDue();
    }

    static long bytes(List<StoredEvent> events) {
        return events.stream().mapToLong(event -> event.payload().length()).sum();
    }

    private List<String> sentPayloads() {
        return sender.requests().stream().map(FakeWebhookPort.Request::payload).toList();
    }

    @Test
    void aNewLaneHoldsItsHandOffsBackUntilAClaimHasSeenThatNothingOfItIsDue() {
        DeliveryHandoff.Reservation first = write(1);
        assertEquals(NOW.plus(LEASE), first.leasedUntil(webhook.id()), "leased to this instance, held back");
        assertTrue(first.all());
        first.committed();
        assertTrue(sender.requests().isEmpty(), "nothing is known of the webhook yet: older rows may be due");

        nextClaim = new DeliveryClaims.Claim(List.of(), false, false);
        engine.deliverDue();
        assertTrue(sender.requests().isEmpty(), "a claim that did not see everything due catches nothing up");

        Runnable resumed = engine.dueInDatabase(webhook.id());
        nextClaim = new DeliveryClaims.Claim(List.of(), true, true);
        engine.deliverDue();
        assertTrue(sender.requests().isEmpty(), "a write that queues due deliveries is open: its rows may commit "
                + "after the claim");
        resumed.run();

        DeliveryHandoff.Reservation second = write(2);
        second.committed();
        assertTrue(sender.requests().isEmpty());
        engine.deliverDue();
        assertEquals(List.of("{\"seq\":1}", "{\"seq\":2}", "{\"seq\":3}"), sentPayloads());
        DeliveryHandoff.Reservation caughtUp = write(1);
        assertEquals(3, sender.requests().size(), "nothing starts before the commit");
        caughtUp.committed();
        assertEquals(4, sender.requests().size(), "caught up: a hand-off starts at its commit");
    }

    // a hand-off keeps its payload in memory until it is recorded: past the engine's bytes, a write's deliveries go
    // to the database due instead, for a claim that reads no more than fits
    @Test
    void aWebhookTakesHandOffsOnlyWhileTheirPayloadsFitTheEnginesBytes() {
        engine = engine(new DeliverySettings(10, 50, 16, 32, Duration.ofSeconds(15), LEASE,
                RetrySchedule.DEFAULT, Duration.ofDays(5), 100, 20));
        caughtUp();
        DeliveryHandoff.Reservation first = write(1);
        assertFalse(first.none());
        first.committed();
        DeliveryHandoff.Reservation second = write(1);
        assertFalse(second.none());
        second.committed();
        assertEquals(2, sender.requests().size());

        DeliveryHandoff.Reservation third = write(1);
        assertTrue(third.none(), "9 more bytes on the 18 held would pass 20");
        third.committed();

        sender.request(0).answer(Attempt.answered(clock.instant(), Duration.ofMillis(3), Map.of(), 200, Map.of(),
                "ok", null));
        engine.deliverDue();
        assertEquals(1, recorded.size());
        assertFalse(write(1).none(), "the recorded one gave its bytes back");
    }

    // held back, hand-offs wait for a claim to catch their lane up: however many bytes they hold, it must run
    @Test
    void handOffsHeldBackUpToTheEnginesBytesDoNotKeepTheClaimThatReleasesThemFromRunning() {
        engine = engine(new DeliverySettings(10, 50, 16, 32, Duration.ofSeconds(15), LEASE,
                RetrySchedule.DEFAULT, Duration.ofDays(5), 100, 18));
        DeliveryHandoff.Reservation heldBack = write(2);
        assertFalse(heldBack.none());
        heldBack.committed();
        assertTrue(sender.requests().isEmpty(), "a new lane is behind");

        engine.deliverDue();
        assertEquals(List.of("{\"seq\":1}", "{\"seq\":2}"), sentPayloads());
    }

    // another webhook's backlog fills the claim's head, which then proves nothing about this lane: the database is
    // asked about this webhook itself, or a new lane waited for as long as any backlog lasted
    @Test
    void aClaimThatDidNotSeeEverythingDueCatchesUpALaneWhoseWebhookHasNothingDue() {
        write(2).committed();
        nextClaim = new DeliveryClaims.Claim(List.of(), false, false);
        engine.deliverDue();
        verify(queue).withNothingDue(Set.of(webhook.id()), NOW);
        assertTrue(sender.requests().isEmpty(), "the database says something of it is due");

        when(queue.withNothingDue(anyCollection(), any())).thenReturn(Set.of(webhook.id()));
        Runnable resumed = engine.dueInDatabase(webhook.id());
        engine.deliverDue();
        assertTrue(sender.requests().isEmpty(), "not while a write that queues due deliveries of it is open");
        resumed.run();

        engine.deliverDue();
        assertEquals(List.of("{\"seq\":1}", "{\"seq\":2}"), sentPayloads());
        write(1).committed();
        assertEquals(3, sender.requests().size(), "caught up: a hand-off starts at its commit");
        engine.deliverDue();
        verify(queue, times(3)).withNothingDue(anyCollection(), any()); // not asked once no lane is behind
    }

    // a webhook busy now and then gets a new lane each time: its first delivery must not wait for the loop's poll
    @Test
    void aHeldBackWriteWakesTheLoopWhenItCommitsAndOnlyThen() {
        DeliveryHandoff.Reservation heldBack = write(1);
        verify(wakeup, never()).wake();
        heldBack.committed();
        verify(wakeup).wake();

        engine.deliverDue(); // the claim the wake-up runs: nothing due, so the lane is caught up
        assertEquals(List.of("{\"seq\":1}"), sentPayloads());
        write(1).committed();
        verify(wakeup).wake(); // still the one: a hand-off of a caught-up lane starts without the loop
        assertEquals(2, sender.requests().size());
    }

    @Test
    void aClaimedFirstAttemptStartsBeforeNewerHeldBackHandOffsAndReleasesOlderOnes() {
        write(2).committed(); // seq 1 and 2, held back: the lane is new
        nextClaim = new DeliveryClaims.Claim(List.of(claimedFirstAttempt(0)), false, false);
        engine.deliverDue();
        assertEquals(List.of("{\"seq\":0}"), sentPayloads(), "the older due one starts, the hand-offs wait");

        nextSeq = 4;
        nextClaim = new DeliveryClaims.Claim(List.of(claimedFirstAttempt(3)), false, false);
        engine.deliverDue();
        assertEquals(List.of("{\"seq\":0}", "{\"seq\":1}", "{\"seq\":2}", "{\"seq\":3}"), sentPayloads(),
                "the claim took seq 3 oldest first, so nothing older is due: 1 and 2 go first");
    }

    // A held-back delivery whose lease ran out belongs to whoever claims it next; it is sent once
    @Test
    void aHeldBackDeliveryWhoseLeaseRanOutIsSentOnceByTheClaimThatTookItOver() {
        write(1).committed(); // seq 1, held back: the lane is new
        clock.set(NOW.plus(LEASE).plusSeconds(1));
        ClaimedDelivery again = new ClaimedDelivery(new DeliveryId(1), webhook.id(), BASE_ID, 1, EventId.at(NOW), 0, 0,
                "{\"seq\":1}");
        nextClaim = new DeliveryClaims.Claim(List.of(again), false, false);

        engine.deliverDue();

        assertEquals(List.of("{\"seq\":1}"), sentPayloads(), "the claimed copy, not the lapsed hand-off too");
        nextClaim = new DeliveryClaims.Claim(List.of(), false, false);
        sender.requests().get(0).answer(Attempt.answered(clock.instant(), Duration.ofMillis(3), Map.of(), 200, Map.of(),
                "ok", null));
        engine.deliverDue();
        verify(queue).release(eq(List.of(new DeliveryId(1))), eq(NOW.plus(LEASE)), any());
        assertEquals(1, recorded.size());
        assertEquals(0, engine.inFlight());
    }

    private void answerAll() {
        sender.requests().stream().filter(request -> !request.answer().isDone()).forEach(request -> request.answer(
                Attempt.answered(clock.instant(), Duration.ofMillis(3), Map.of(), 200, Map.of(), "ok", null)));
    }

    private void verifyClaims(int times) {
        verify(queue, times(times)).claim(anyInt(), anyMap(), anyInt(), any(), any(), anyLong());
    }

    // under hand-offs a turn's claim found nothing: its scan of the due index was one statement of every turn
    @Test
    void aTurnForAnswersAloneLeavesTheClaimOutWhileTheLastOneFoundNothingDue() {
        caughtUp();
        verifyClaims(1);
        write(1).committed();
        answerAll();
        verify(wakeup).answered();

        engine.deliverDue(false);
        assertEquals(1, recorded.size(), "the answer is recorded");
        verifyClaims(1);

        engine.deliverDue(true);
        verifyClaims(2);
    }

    @Test
    void aTurnForAnswersAloneClaimsWhenTheLastClaimFoundSomethingDue() {
        caughtUp();
        nextClaim = new DeliveryClaims.Claim(List.of(), true, false); // due, but the webhook had no room for it
        engine.deliverDue(true);
        write(1).committed();
        answerAll();

        engine.deliverDue(false);
        verifyClaims(3);
        engine.deliverDue(false);
        verifyClaims(4);
        nextClaim = new DeliveryClaims.Claim(List.of(), true, true);
        engine.deliverDue(false);
        verifyClaims(5);
        engine.deliverDue(false);
        verifyClaims(5);
    }

    @Test
    void aTurnForAnswersAloneClaimsForALaneThatFellBehind() {
        caughtUp();
        Runnable resumed = engine.dueInDatabase(webhook.id());
        resumed.run();

        engine.deliverDue(false);
        verifyClaims(2);
        write(1).committed();
        assertEquals(1, sender.requests().size(), "the claim caught the lane up");
        engine.deliverDue(false);
        verifyClaims(2);
    }

    @Test
    void aTurnToldThatSomethingMayBeDueButWithoutRoomToClaimLeavesTheClaimToTheNextTurn() {
        engine = engine(new DeliverySettings(10, 1, 16, 32, Duration.ofSeconds(15), LEASE,
                RetrySchedule.DEFAULT, Duration.ofDays(5), 100));
        caughtUp();
        nextClaim = new DeliveryClaims.Claim(List.of(claimedFirstAttempt(0)), false, false);
        engine.deliverDue(true); // it holds the instance's one delivery now
        nextClaim = new DeliveryClaims.Claim(List.of(), true, true);
        engine.deliverDue(true);
        verifyClaims(2);
        answerAll();

        engine.deliverDue(false);
        verifyClaims(3);
        engine.deliverDue(false);
        verifyClaims(3);
    }

    /** A first attempt as a claim returns it, of an event older or newer than the writes of the test. */
    private ClaimedDelivery claimedFirstAttempt(long seq) {
        return new ClaimedDelivery(new DeliveryId(100 + seq), webhook.id(), BASE_ID,
                seq, EventId.at(NOW), 0, 0, "{\"seq\":" + seq + "}");
    }

    @Test
    void handOffsStartInTheOrderTheyWereReservedWhateverOrderTheyCommitIn() {
        caughtUp();
        DeliveryHandoff.Reservation first = write(2);
        DeliveryHandoff.Reservation second = write(1);
        DeliveryHandoff.Reservation third = write(1);

        second.committed();
        assertTrue(sender.requests().isEmpty(), "the first write has not ended: its seqs come first");
        first.rolledBack();
        assertEquals(List.of("{\"seq\":3}"), sentPayloads());
        third.committed();
        assertEquals(List.of("{\"seq\":3}", "{\"seq\":4}"), sentPayloads());
        assertEquals(2, engine.inFlight());
    }

    @Test
    void answersAreRecordedByTheLoopAsFirstAttemptsAndFreeWhatTheyHeld() {
        caughtUp();
        write(2).committed();
        sender.requests().forEach(request -> request.answer(Attempt.answered(NOW, Duration.ofMillis(3), Map.of(), 200,
                Map.of(), "ok", null)));

        engine.deliverDue();

        assertEquals(2, recorded.size());
        recorded.forEach(outcome -> {
            assertEquals(1, outcome.attempts());
            assertEquals(DeliveryStatus.SUCCEEDED, outcome.status());
            assertEquals(webhook.id(), outcome.webhookId());
        });
        assertEquals(0, engine.inFlight());
    }

    @Test
    void aWriteBeyondTheBoundGoesToTheDatabaseAndLaterHandOffsWaitUntilAClaimCatchesTheLaneUp() {
        engine = engine(new DeliverySettings(10, 50, 16, 32, Duration.ofSeconds(15), LEASE,
                RetrySchedule.DEFAULT, Duration.ofDays(5), 3));
        caughtUp();
        DeliveryHandoff.Reservation taken = write(2);
        assertTrue(taken.all());
        DeliveryHandoff.Reservation refused = write(2);
        assertNull(refused.leasedUntil(webhook.id()), "two more would exceed the instance's three");
        refused.committed();
        taken.committed();
        assertEquals(2, sender.requests().size());
        sender.requests().forEach(request -> request.answer(Attempt.answered(NOW, Duration.ofMillis(3), Map.of(), 200,
                Map.of(), "ok", null)));

        DeliveryHandoff.Reservation behind = write(1);
        assertTrue(behind.all(), "room again");
        behind.committed();
        assertEquals(2, sender.requests().size(), "but the refused write's deliveries wait in the database");
        engine.deliverDue(); // records the answers, and a claim sees nothing due any more
        assertEquals(List.of("{\"seq\":1}", "{\"seq\":2}", "{\"seq\":5}"), sentPayloads());
    }

    @Test
    void aWebhookEnabledAgainHoldsHandOffsBackBehindItsResumedDeliveries() {
        caughtUp();
        Runnable ended = engine.dueInDatabase(webhook.id());
        engine.deliverDue();
        DeliveryHandoff.Reservation during = write(1);
        during.committed();
        assertTrue(sender.requests().isEmpty(), "the transaction that resumes them is open");
        ended.run();
        DeliveryHandoff.Reservation after = write(1);
        after.committed();
        assertTrue(sender.requests().isEmpty(), "committed: held back until a claim has seen them taken");
        engine.deliverDue();
        assertEquals(List.of("{\"seq\":1}", "{\"seq\":2}"), sentPayloads());
    }

    // Shutdown: what a write hands off while the instance stops goes back at once, for any instance
    @Test
    void whileDrainingNothingIsTakenAndWhatCommitsIsGivenBack() {
        caughtUp();
        DeliveryHandoff.Reservation open = write(1);
        clock.tickOnEveryRead(Duration.ofMillis(5));
        Thread committer = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            open.committed();
        });
        committer.start();

        engine.drain(Duration.ofSeconds(5));

        assertTrue(sender.requests().isEmpty());
        verify(queue).release(eq(List.of(new DeliveryId(1))), eq(NOW.plus(LEASE)), any());
        assertEquals(0, engine.inFlight());
        assertTrue(write(1).none());
    }

    @Test
    void drainingGivesBackWhatIsHeldBack() {
        write(1).committed(); // held back: the lane is new
        clock.tickOnEveryRead(Duration.ofMillis(5));

        engine.drain(Duration.ofSeconds(5));

        assertTrue(sender.requests().isEmpty());
        verify(queue).release(eq(List.of(new DeliveryId(1))), eq(NOW.plus(LEASE)), any());
        assertEquals(0, engine.inFlight());
    }
}
