package io.basehook.application.write;

import io.basehook.domain.base.BaseId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Group commit: writes to one base that wait meanwhile run together, each with its own outcome. */
@Timeout(60)
class WriteCombinerTest {

    private static final BaseId BASE = new BaseId("0123456789abcdef0123456789abcdef");
    private static final BaseId OTHER = new BaseId("fedcba9876543210fedcba9876543210");

    /** The batches the combiner ran, in order, as lists of their commands. */
    private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService threads = Executors.newCachedThreadPool();

    private void echo(BaseId baseId, List<WriteCombiner.Slot<String, String>> slots) {
        batches.add(slots.stream().map(WriteCombiner.Slot::command).toList());
        for (WriteCombiner.Slot<String, String> slot : slots) {
            if (slot.command().startsWith("bad")) {
                slot.fail(new IllegalArgumentException(slot.command()));
            } else {
                slot.succeed(slot.command().toUpperCase());
            }
        }
    }

    /** Waits until {@code count} submitting threads are parked, waiting for their turn. */
    private static void awaitWaiting(List<Thread> submitters, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (submitters.stream().filter(thread -> thread.getState() == Thread.State.WAITING).count() < count) {
            if (System.nanoTime() > deadline) {
                fail("the submitters never queued up");
            }
            Thread.sleep(5);
        }
    }

    private final CountDownLatch firstRunning = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    /** A combiner whose batch starting with "first" holds until {@link #release}, so that others queue behind it. */
    private WriteCombiner<BaseId, String, String> heldByFirst(ToIntFunction<String> weight, int maxWeight) {
        return new WriteCombiner<>((base, slots) -> {
            if (slots.get(0).command().equals("first")) {
                firstRunning.countDown();
                await(release);
            }
            echo(base, slots);
        }, weight, maxWeight);
    }

    /** Submits "first" and waits until its batch runs (and holds). */
    private Future<String> submitFirst(WriteCombiner<BaseId, String, String> combiner) throws InterruptedException {
        Future<String> first = threads.submit(() -> combiner.submit(BASE, "first"));
        assertTrue(firstRunning.await(20, TimeUnit.SECONDS));
        return first;
    }

    @Test
    void aWriteAloneRunsAloneAndGetsItsResult() {
        WriteCombiner<BaseId, String, String> combiner = new WriteCombiner<>(this::echo, command -> 1, 100);
        assertEquals("A", combiner.submit(BASE, "a"));
        assertEquals("B", combiner.submit(BASE, "b"));
        assertEquals(List.of(List.of("a"), List.of("b")), batches);
    }

    @Test
    void writesArrivingWhileOneRunsRunTogetherInArrivalOrderEachWithItsOwnOutcome() throws Exception {
        WriteCombiner<BaseId, String, String> combiner = heldByFirst(command -> 1, 100);
        Future<String> first = submitFirst(combiner);

        List<Thread> submitters = new ArrayList<>();
        Map<String, Object> outcomes = new ConcurrentHashMap<>();
        for (String command : List.of("w1", "bad2", "w3")) {
            Thread thread = new Thread(() -> {
                try {
                    outcomes.put(command, combiner.submit(BASE, command));
                } catch (RuntimeException e) {
                    outcomes.put(command, e);
                }
            });
            submitters.add(thread);
            thread.start();
            awaitWaiting(submitters, submitters.size()); // one after the other: arrival order is known
        }
        release.countDown();
        assertEquals("FIRST", first.get());
        for (Thread thread : submitters) {
            thread.join();
        }

        assertEquals(List.of(List.of("first"), List.of("w1", "bad2", "w3")), batches);
        assertEquals("W1", outcomes.get("w1"));
        assertEquals("W3", outcomes.get("w3"));
        assertEquals("bad2", ((IllegalArgumentException) outcomes.get("bad2")).getMessage());
    }

    @Test
    void aCombinedBatchTakesNoMoreBytesThanItsCapAndAHeavierWriteRunsAlone() throws Exception {
        WriteCombiner<BaseId, String, String> combiner = new WriteCombiner<>((base, slots) -> {
            if (slots.get(0).command().equals("first")) {
                firstRunning.countDown();
                await(release);
            }
            echo(base, slots);
        }, command -> 1, 100, 10);
        Future<String> first = submitFirst(combiner);

        Map<String, Long> bytes = new HashMap<>();
        bytes.put("w1", 6L);
        bytes.put("w2", 6L);
        bytes.put("w3", 3L);
        bytes.put("w4", 25L);
        bytes.put("w5", 1L);
        List<Thread> submitters = new ArrayList<>();
        for (String command : List.of("w1", "w2", "w3", "w4", "w5")) {
            Thread thread = new Thread(() -> combiner.submit(BASE, command, bytes.get(command)));
            submitters.add(thread);
            thread.start();
            awaitWaiting(submitters, submitters.size());
        }
        release.countDown();
        first.get();
        for (Thread thread : submitters) {
            thread.join();
        }

        assertEquals(List.of(List.of("first"), List.of("w1"), List.of("w2", "w3"), List.of("w4"), List.of("w5")),
                batches);
    }

    @Test
    void aBatchThatThrowsFailsEveryWriteInItEvenThoseGivenAResult() {
        IllegalStateException down = new IllegalStateException("database down");
        WriteCombiner<BaseId, String, String> combiner = new WriteCombiner<>((base, slots) -> {
            echo(base, slots);
            throw down;
        }, command -> 1, 100);
        assertSame(down, assertThrows(IllegalStateException.class, () -> combiner.submit(BASE, "a")));
        // a write's own error stays its own
        assertEquals("bad", assertThrows(IllegalArgumentException.class, () -> combiner.submit(BASE, "bad"))
                .getMessage());
        // and the lane is free again
        WriteCombiner<BaseId, String, String> healthy = new WriteCombiner<>(this::echo, command -> 1, 100);
        assertEquals("C", healthy.submit(BASE, "c"));
    }

    @Test
    void aBatchThatForgetsAWriteFailsIt() {
        WriteCombiner<BaseId, String, String> combiner = new WriteCombiner<>((base, slots) -> { }, command -> 1, 100);
        assertThrows(IllegalStateException.class, () -> combiner.submit(BASE, "a"));
    }

    @Test
    void aBatchTakesWaitingWritesUpToItsWeightAndAHeavyOneRunsAlone() throws Exception {
        WriteCombiner<BaseId, String, String> combiner = heldByFirst(String::length, 6);
        Future<String> first = submitFirst(combiner);
        List<Thread> submitters = new ArrayList<>();
        for (String command : List.of("aaa", "bb", "cc", "heavyweight", "d")) {
            Thread thread = new Thread(() -> combiner.submit(BASE, command));
            submitters.add(thread);
            thread.start();
            awaitWaiting(submitters, submitters.size());
        }
        release.countDown();
        first.get();
        for (Thread thread : submitters) {
            thread.join();
        }
        assertEquals(List.of(List.of("first"), List.of("aaa", "bb"), List.of("cc"), List.of("heavyweight"),
                List.of("d")), batches);
    }

    @Test
    void writesToAnotherBaseDoNotWait() throws Exception {
        WriteCombiner<BaseId, String, String> combiner = heldByFirst(command -> 1, 100);
        Future<String> held = submitFirst(combiner);

        assertEquals("OTHER", combiner.submit(OTHER, "other"));
        release.countDown();
        assertEquals("FIRST", held.get());
    }

    @Test
    void aKeyIsBusyWhileABatchOfItRunsAndNotBeforeOrAfter() throws Exception {
        WriteCombiner<BaseId, String, String> combiner = heldByFirst(command -> 1, 100);
        assertFalse(combiner.busy(BASE));

        Future<String> held = submitFirst(combiner);
        assertTrue(combiner.busy(BASE));
        assertFalse(combiner.busy(OTHER));

        release.countDown();
        assertEquals("FIRST", held.get());
        assertFalse(combiner.busy(BASE), "an idle lane is dropped");
    }

    // randomised: many threads, two bases; never two batches of one base at once, every write exactly once
    @Test
    void underContentionEveryWriteRunsExactlyOnceAndBatchesOfABaseNeverOverlap() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Map<BaseId, AtomicInteger> running = Map.of(BASE, new AtomicInteger(), OTHER, new AtomicInteger());
        Map<String, Integer> ran = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger combined = new AtomicInteger();
        WriteCombiner<BaseId, String, String> combiner = new WriteCombiner<>((base, slots) -> {
            if (running.get(base).incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            if (slots.size() > 1) {
                combined.incrementAndGet();
            }
            Thread.yield();
            slots.forEach(slot -> ran.merge(slot.command(), 1, Integer::sum));
            echo(base, slots);
            running.get(base).decrementAndGet();
        }, command -> 1 + command.length() % 3, 7);
        int threadCount = 12;
        int perThread = 300;
        List<Future<Map<String, String>>> results = new ArrayList<>();
        for (int t = 0; t < threadCount; t++) {
            int thread = t;
            long threadSeed = random.nextLong();
            results.add(threads.submit(() -> {
                Random local = new Random(threadSeed);
                Map<String, String> outcomes = new HashMap<>();
                for (int i = 0; i < perThread; i++) {
                    String command = (local.nextInt(10) == 0 ? "bad-" : "w-") + thread + "-" + i;
                    BaseId base = local.nextBoolean() ? BASE : OTHER;
                    try {
                        outcomes.put(command, combiner.submit(base, command));
                    } catch (IllegalArgumentException e) {
                        outcomes.put(command, "failed:" + e.getMessage());
                    }
                }
                return outcomes;
            }));
        }
        Map<String, String> all = new HashMap<>();
        for (Future<Map<String, String>> result : results) {
            all.putAll(result.get());
        }

        String context = "seed " + seed;
        assertEquals(threadCount * perThread, all.size(), context);
        assertEquals(threadCount * perThread, ran.size(), context);
        assertTrue(ran.values().stream().allMatch(count -> count == 1), context);
        all.forEach((command, outcome) -> assertEquals(
                command.startsWith("bad") ? "failed:" + command : command.toUpperCase(), outcome, context));
        assertEquals(0, overlaps.get(), context);
        assertTrue(batches.stream().allMatch(batch -> batch.stream().mapToInt(c -> 1 + c.length() % 3).sum() <= 7
                || batch.size() == 1), context);
        // with 12 threads on 2 bases some writes must have waited and gone together
        assertTrue(combined.get() > 0, context);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
