package io.basehook.bootstrap;

import io.basehook.application.port.in.DeliverWebhooksUseCase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the loop tells each turn: whether deliveries may have come due since the last turn it told so. */
class DeliveryLoopTest {

    /** Each turn's {@code mayBeDue}, in order. */
    private final BlockingQueue<Boolean> turns = new LinkedBlockingQueue<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger errorsLeft = new AtomicInteger();
    private DeliveryLoop loop;

    private final DeliverWebhooksUseCase engine = new DeliverWebhooksUseCase() {
        @Override
        public int deliverDue(boolean mayBeDue) {
            turns.add(mayBeDue);
            if (errorsLeft.getAndDecrement() > 0) {
                throw new OutOfMemoryError("Java heap space");
            }
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("database down");
            }
            return 0;
        }

        @Override
        public boolean moreDue() {
            return false;
        }

        @Override
        public int inFlight() {
            return 0;
        }

        @Override
        public void drain(Duration timeout) {
        }
    };

    private void start(Duration pollInterval) {
        loop = new DeliveryLoop(() -> engine, pollInterval, Duration.ofSeconds(1), true);
        loop.start();
    }

    private Boolean nextTurn() throws InterruptedException {
        Boolean told = turns.poll(10, TimeUnit.SECONDS);
        assertTrue(told != null, "no turn came");
        return told;
    }

    @AfterEach
    void stop() {
        if (loop != null) {
            loop.stop();
        }
    }

    @Test
    void aWakeTellsTheNextTurnThatDeliveriesMayBeDueAndAnAnswerDoesNot() throws InterruptedException {
        start(Duration.ofMinutes(1));
        assertEquals(true, nextTurn(), "the first turn claims whatever is due");

        loop.answered();
        assertEquals(false, nextTurn());
        loop.wake();
        assertEquals(true, nextTurn());
        loop.answered();
        assertEquals(false, nextTurn());
    }

    // under a steady stream of answers the loop never waits a whole poll interval, yet retries must fall due
    @Test
    void answersThatKeepTheLoopBusyStillLetATurnBeToldEveryPollInterval() throws InterruptedException {
        start(Duration.ofMillis(200));
        assertEquals(true, nextTurn());
        List<Boolean> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!seen.contains(true) && System.nanoTime() < deadline) {
            loop.answered();
            Boolean told = turns.poll(5, TimeUnit.MILLISECONDS);
            if (told != null) {
                seen.add(told);
            }
        }
        assertTrue(seen.contains(false), "answers alone do not tell a turn: " + seen);
        assertTrue(seen.contains(true), "a poll interval passed: a turn is told: " + seen);
    }

    @Test
    void aTurnThatWasToldAndFailedIsToldAgain() throws InterruptedException {
        failuresLeft.set(1);
        start(Duration.ofMinutes(1));
        assertEquals(true, nextTurn(), "this one fails");
        assertEquals(true, nextTurn(), "after the back-off, without a wake");
    }

    // an OutOfMemoryError killed the loop's thread for good; the turn that died was told, so the next one is too
    @Test
    void aLoopKilledByAnErrorIsStartedAgainAndItsNextTurnIsTold() throws InterruptedException {
        errorsLeft.set(1);
        start(Duration.ofMinutes(1));
        assertEquals(true, nextTurn(), "this one dies");
        assertEquals(true, nextTurn(), "started again, and told");
        assertEquals(1, loop.state().restarts());
        assertTrue(loop.state().alive());
    }
}
