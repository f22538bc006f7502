package io.basehook.application.write;

import io.basehook.domain.shared.BasehookException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/** The bytes of values that writes in progress may hold: admitted, waited for, or turned away. */
@Timeout(60)
class WriteBudgetTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    @Test
    void writesWithinTheBudgetAreAdmittedAtOnceAndGiveTheirBytesBack() {
        WriteBudget budget = new WriteBudget(100, Duration.ZERO);
        try (WriteBudget.Permit first = budget.admit(60); WriteBudget.Permit second = budget.admit(40)) {
            assertEquals(100, budget.inUse());
        }
        assertEquals(0, budget.inUse());
    }

    @Test
    void aWriteThatDoesNotFitAndMayNotWaitIsTurnedAwayAsUnavailable() {
        WriteBudget budget = new WriteBudget(100, Duration.ZERO);
        try (WriteBudget.Permit held = budget.admit(80)) {
            BasehookException busy = assertThrows(BasehookException.class, () -> budget.admit(30));
            assertEquals(BasehookException.Kind.UNAVAILABLE, busy.kind());
            assertEquals("write_budget_exhausted", busy.code());
            assertEquals(80, budget.inUse(), "a write turned away holds nothing");
        }
    }

    @Test
    void aWriteLargerThanTheWholeBudgetRunsAloneInsteadOfNever() {
        WriteBudget budget = new WriteBudget(100, Duration.ZERO);
        try (WriteBudget.Permit huge = budget.admit(5_000)) {
            assertEquals(100, budget.inUse());
            assertThrows(BasehookException.class, () -> budget.admit(1));
        }
        assertEquals(0, budget.inUse());
    }

    @Test
    void aWaitingWriteIsAdmittedOnceAnotherGivesItsBytesBack() throws Exception {
        WriteBudget budget = new WriteBudget(100, LONG);
        WriteBudget.Permit held = budget.admit(90);
        CompletableFuture<WriteBudget.Permit> waiting = CompletableFuture.supplyAsync(() -> budget.admit(50));
        awaitQueued(budget, 1);
        assertFalse(waiting.isDone());
        held.close();
        try (WriteBudget.Permit admitted = waiting.get(20, TimeUnit.SECONDS)) {
            assertEquals(50, budget.inUse());
        }
        assertEquals(0, budget.inUse());
    }

    @Test
    void noMoreThanTheBudgetMayWaitBeyondThatAWriteIsTurnedAwayAtOnce() throws Exception {
        WriteBudget budget = new WriteBudget(100, LONG);
        WriteBudget.Permit held = budget.admit(100);
        CompletableFuture<WriteBudget.Permit> waiting = CompletableFuture.supplyAsync(() -> budget.admit(70));
        awaitQueued(budget, 1);
        // even with a long wait allowed: 70 + 40 would wait, more than the budget holds
        BasehookException busy = assertThrows(BasehookException.class, () -> budget.admit(40));
        assertEquals(BasehookException.Kind.UNAVAILABLE, busy.kind());
        held.close();
        waiting.get(20, TimeUnit.SECONDS).close();
        assertEquals(0, budget.inUse());
    }

    @Test
    void waitingWritesAreAdmittedFirstComeFirstServed() throws Exception {
        WriteBudget budget = new WriteBudget(100, LONG);
        WriteBudget.Permit held = budget.admit(50);
        CompletableFuture<WriteBudget.Permit> large = CompletableFuture.supplyAsync(() -> budget.admit(60));
        awaitQueued(budget, 1);
        // a small write that would fit now queues behind the waiting large one, or a stream of them kept it out
        CompletableFuture<WriteBudget.Permit> small = CompletableFuture.supplyAsync(() -> budget.admit(30));
        awaitQueued(budget, 2);
        assertFalse(small.isDone());
        assertEquals(50, budget.inUse());
        held.close();
        large.get(20, TimeUnit.SECONDS).close();
        small.get(20, TimeUnit.SECONDS).close();
        assertEquals(0, budget.inUse());
    }

    private static void awaitQueued(WriteBudget budget, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (budget.queued() < count) {
            if (System.nanoTime() > deadline) {
                fail("no write queued up");
            }
            Thread.sleep(5);
        }
    }
}
