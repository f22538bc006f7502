package io.basehook.bootstrap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A supervised loop that dies of anything is reported once with its cause and started again after a back-off that
 * doubles up to its cap; nothing here waits for real time: the back-offs are recorded, not slept.
 */
class SupervisedLoopTest {

    private final List<Throwable> reported = new ArrayList<>();
    private final List<Duration> pauses = new ArrayList<>();
    /** What each run of the body does, in order; a run with nothing queued waits until the loop is stopped. */
    private final BlockingQueue<Runnable> runs = new LinkedBlockingQueue<>();
    private final AtomicInteger started = new AtomicInteger();
    private final CountDownLatch idle = new CountDownLatch(1);
    /** Whether the loop said it was alive while each back-off was waited out. */
    private final List<Boolean> aliveInPause = new ArrayList<>();
    private SupervisedLoop loop;

    private void start() {
        loop = new SupervisedLoop("test-loop", this::body, backoff -> {
            synchronized (pauses) {
                pauses.add(backoff);
                aliveInPause.add(loop.alive());
            }
        }, (cause, backoff) -> {
            synchronized (reported) {
                reported.add(cause);
            }
        });
        loop.start();
    }

    private void body() {
        started.incrementAndGet();
        Runnable run = runs.poll();
        if (run != null) {
            run.run();
            return;
        }
        idle.countDown();
        while (loop.running()) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void awaitIdle() throws InterruptedException {
        assertTrue(idle.await(10, TimeUnit.SECONDS), "the body never ran to its idle state");
    }

    @AfterEach
    void stop() {
        if (loop != null) {
            assertTrue(loop.stop(() -> { }, Duration.ofSeconds(10)), "the loop's thread ended");
        }
    }

    @Test
    void aBodyKilledByAnErrorIsReportedOnceWithItsCauseAndStartedAgain() throws InterruptedException {
        OutOfMemoryError heap = new OutOfMemoryError("Java heap space");
        runs.add(() -> {
            throw heap;
        });
        start();
        awaitIdle();

        assertEquals(2, started.get(), "ran again after it died");
        assertEquals(List.of(heap), reported, "one report, with the cause");
        assertEquals(List.of(SupervisedLoop.FIRST_BACKOFF), pauses);
        assertEquals(1, loop.restarts());
        assertEquals(List.of(false), aliveInPause, "not alive while it waits to be started again");
        assertTrue(loop.alive(), "alive again");
    }

    @Test
    void aFailureThatPersistsWaitsLongerEachTimeUpToTheCap() throws InterruptedException {
        for (int i = 0; i < 6; i++) {
            runs.add(() -> {
                throw new IllegalStateException("still broken");
            });
        }
        start();
        awaitIdle();

        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                SupervisedLoop.MAX_BACKOFF, SupervisedLoop.MAX_BACKOFF), pauses);
        assertEquals(6, reported.size());
        assertEquals(6, loop.restarts());
    }

    @Test
    void aBodyThatMadeProgressStartsItsNextBackOffFromTheShortest() throws InterruptedException {
        runs.add(() -> {
            throw new IllegalStateException("first");
        });
        runs.add(() -> {
            throw new IllegalStateException("second");
        });
        runs.add(() -> {
            loop.progressed();
            throw new IllegalStateException("after a good turn");
        });
        start();
        awaitIdle();

        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1)), pauses);
    }

    @Test
    void aBodyThatReturnsWithoutBeingStoppedHasDiedToo() throws InterruptedException {
        runs.add(() -> { });
        start();
        awaitIdle();

        assertEquals(2, started.get());
        assertEquals(1, reported.size());
        assertInstanceOf(IllegalStateException.class, reported.get(0));
    }

    @Test
    void aReportThatFailsDoesNotLoseTheLoop() throws InterruptedException {
        OutOfMemoryError again = new OutOfMemoryError("while reporting");
        runs.add(() -> {
            throw new OutOfMemoryError("Java heap space");
        });
        loop = new SupervisedLoop("test-loop", this::body, pauses::add, (cause, backoff) -> {
            throw again;
        });
        loop.start();
        awaitIdle();

        assertEquals(2, started.get(), "started again although its report failed");
    }

    @Test
    void aStoppedLoopIsNotStartedAgain() throws InterruptedException {
        start();
        awaitIdle();
        assertTrue(loop.stop(() -> { }, Duration.ofSeconds(10)));

        assertFalse(loop.running());
        assertFalse(loop.alive());
        assertEquals(1, started.get());
        assertEquals(List.of(), reported, "a stop is no death");
        loop = null;
    }

    @Test
    void aLoopStoppedDuringItsBackOffIsNotStartedAgain() throws InterruptedException {
        CountDownLatch waiting = new CountDownLatch(1);
        runs.add(() -> {
            throw new IllegalStateException("dies");
        });
        // the real back-off, waited out on the loop itself
        loop = new SupervisedLoop("test-loop", this::body, null, (cause, backoff) -> waiting.countDown());
        loop.start();
        assertTrue(waiting.await(10, TimeUnit.SECONDS));
        assertTrue(loop.stop(() -> { }, Duration.ofSeconds(10)));

        assertEquals(1, started.get());
        loop = null;
    }
}
