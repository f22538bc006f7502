package io.basehook.application.write;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * Group commit for the writes to one base (or, keyed by something else, to whatever the key stands for). Every
 * content write locks its base, so writes to one base commit one after the other, and each pays for its own lock,
 * look-ups and commit. Here the writes that arrive while one is running wait, and then run together: the first of
 * them leads, takes all that wait (up to a weight, the rows they carry, and up to a number of bytes, what their values
 * weigh) and runs them through {@link Batch} in one transaction; each gets its own result or its own error. Writes
 * to different keys never wait for each other.
 *
 * <p>The database lock stays the guarantee of order: two batches of one base never overlap here, and if they
 * did (a queue dropped while idle and made anew) they would still commit one after the other.
 */
public final class WriteCombiner<K, C, R> {

    /** Runs the writes of one batch in one transaction, and gives each slot its outcome. */
    @FunctionalInterface
    public interface Batch<K, C, R> {

        /**
         * Must give every slot a result ({@link Slot#succeed}) or an error of its own ({@link Slot#fail}). If it
         * throws, its transaction is gone and every slot fails with what it threw, whatever it was given.
         */
        void run(K key, List<Slot<C, R>> slots);
    }

    private final Batch<K, C, R> batch;
    private final ToIntFunction<C> weight;
    private final int maxWeight;
    private final long maxBytes;
    private final Map<K, WaitingWrites<C, R>> queues = new ConcurrentHashMap<>();

    /**
     * @param weight    how much of a batch a command takes (its rows)
     * @param maxWeight the most one batch takes; a single heavier command still runs, alone
     */
    public WriteCombiner(Batch<K, C, R> batch, ToIntFunction<C> weight, int maxWeight) {
        this(batch, weight, maxWeight, Long.MAX_VALUE);
    }

    /**
     * @param maxBytes the most bytes one batch takes ({@link #submit(Object, Object, long)}): a combined statement
     *                 holds all of them in memory at once; a single larger command still runs, alone
     */
    public WriteCombiner(Batch<K, C, R> batch, ToIntFunction<C> weight, int maxWeight, long maxBytes) {
        if (maxWeight < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("maxWeight and maxBytes must be positive");
        }
        this.batch = batch;
        this.weight = weight;
        this.maxWeight = maxWeight;
        this.maxBytes = maxBytes;
    }

    /** Runs {@code command} in the next batch of its key (its base); returns its result or throws its error. */
    public R submit(K key, C command) {
        return submit(key, command, 0);
    }

    /** As {@link #submit(Object, Object)}, for a command whose values weigh {@code bytes}. */
    public R submit(K key, C command, long bytes) {
        Slot<C, R> slot = new Slot<>(command, weight.applyAsInt(command), bytes);
        WaitingWrites<C, R> queue;
        boolean lead;
        do {
            queue = queues.computeIfAbsent(key, id -> new WaitingWrites<>());
            synchronized (queue) {
                if (queue.retired) {
                    continue; // dropped while idle: take the current one
                }
                queue.waiting.add(slot);
                lead = !queue.running;
                queue.running = true;
                break;
            }
        } while (true);
        if (!lead) {
            slot.awaitTurn();
        }
        if (!slot.isDone()) {
            lead(key, queue);
        }
        return slot.result();
    }

    /**
     * Whether a batch of {@code key} is running (or about to start) here: a write submitted now would wait for it.
     * The answer can be out of date as soon as it is given; use it to route, never for correctness.
     */
    public boolean busy(K key) {
        return queues.containsKey(key);
    }

    /** Runs one batch from the head of its queue (this thread's own slot is at its head), then hands over. */
    private void lead(K key, WaitingWrites<C, R> queue) {
        List<Slot<C, R>> taken = new ArrayList<>();
        synchronized (queue) {
            int total = 0;
            long bytes = 0;
            while (!queue.waiting.isEmpty()) {
                Slot<C, R> next = queue.waiting.peek();
                if (!taken.isEmpty() && (total + next.weight > maxWeight || bytes + next.bytes > maxBytes)) {
                    break;
                }
                taken.add(queue.waiting.poll());
                total += next.weight;
                bytes += next.bytes;
            }
        }
        try {
            batch.run(key, Collections.unmodifiableList(taken));
            for (Slot<C, R> slot : taken) {
                slot.requireOutcome();
            }
        } catch (RuntimeException e) {
            taken.forEach(slot -> slot.failWith(e));
        } catch (Error e) {
            IllegalStateException failure = new IllegalStateException("a combined write failed", e);
            taken.forEach(slot -> slot.failWith(failure));
        }
        Slot<C, R> next;
        synchronized (queue) {
            next = queue.waiting.peek();
            if (next == null) {
                queue.running = false;
                queue.retired = true;
                queues.remove(key, queue);
            }
        }
        taken.forEach(Slot::finish);
        if (next != null) {
            next.lead();
        }
    }

    /** The writes waiting for one base, and whether a batch of it is running. Guarded by itself. */
    private static final class WaitingWrites<C, R> {
        private final ArrayDeque<Slot<C, R>> waiting = new ArrayDeque<>();
        private boolean running;
        private boolean retired;
    }

    /** One write in a batch: its command, and the outcome the batch gives it. */
    public static final class Slot<C, R> {

        private final C command;
        private final int weight;
        private final long bytes;
        private R result;
        private RuntimeException error;
        private boolean given;
        private boolean done;
        private boolean leader;

        private Slot(C command, int weight, long bytes) {
            this.command = command;
            this.weight = weight;
            this.bytes = bytes;
        }

        public C command() {
            return command;
        }

        /** Its result, handed over once the batch's transaction committed. */
        public void succeed(R value) {
            result = value;
            given = true;
        }

        /** Its own error (the others of the batch go on). */
        public void fail(RuntimeException failure) {
            error = failure;
            given = true;
        }

        private void requireOutcome() {
            if (!given) {
                throw new IllegalStateException("a batch left a write without an outcome");
            }
        }

        private void failWith(RuntimeException failure) {
            if (error == null) {
                error = failure;
            }
        }

        private synchronized void awaitTurn() {
            boolean interrupted = false;
            while (!done && !leader) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    // the write is queued and will run: its caller gets its outcome, and the interrupt after it
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        private synchronized boolean isDone() {
            return done;
        }

        private synchronized void finish() {
            done = true;
            notifyAll();
        }

        private synchronized void lead() {
            leader = true;
            notifyAll();
        }

        private synchronized R result() {
            if (error != null) {
                throw error;
            }
            return result;
        }
    }
}
