package io.basehook.application.write;

import io.basehook.domain.shared.BasehookException;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of cell values that content writes may have in progress at once (docs/adr/0002-write-admission.md). A
 * write takes its share before it runs and gives it back when it ends; one that does not fit waits, first come first
 * served, at most {@code maxWait}, and then is turned away as unavailable (503 with Retry-After). While the budget is
 * far from full and nobody waits, taking and giving back are one atomic add each: no lock.
 */
public final class WriteBudget {

    /** What one admitted write holds; closing it gives its bytes back. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private static final Permit NOTHING = () -> { };

    /** Admits everything at once (for tests that are not about memory). */
    public static final WriteBudget UNBOUNDED = new WriteBudget(Long.MAX_VALUE, Duration.ZERO);

    private final long capacity;
    private final Duration maxWait;
    private final AtomicLong used = new AtomicLong();
    /** Writes waiting for room; while any does, newcomers queue behind them. */
    private final AtomicInteger queued = new AtomicInteger();
    /** Guards {@link #waiting} and {@link #waitingBytes}; waiters wait on it. */
    private final Object turn = new Object();
    private final ArrayDeque<long[]> waiting = new ArrayDeque<>();
    private long waitingBytes;

    /**
     * @param capacity bytes of values admitted at once; a single larger write is admitted alone
     * @param maxWait  how long a write may wait for room before it is turned away
     */
    public WriteBudget(long capacity, Duration maxWait) {
        if (capacity < 1 || maxWait.isNegative()) {
            throw new IllegalArgumentException("the write budget is positive and the wait not negative");
        }
        this.capacity = capacity;
        this.maxWait = maxWait;
    }

    /** Admits a write of {@code bytes}, waiting for room if needed; throws {@code write_budget_exhausted} if none came. */
    public Permit admit(long bytes) {
        long share = Math.max(0, Math.min(bytes, capacity));
        if (share == 0 || this == UNBOUNDED) {
            return NOTHING;
        }
        if (queued.get() == 0 && tryTake(share)) {
            return () -> giveBack(share);
        }
        long[] me = {share};
        long deadline = System.nanoTime() + maxWait.toNanos();
        synchronized (turn) {
            // as much as the budget itself may wait; beyond that a write is turned away at once
            if (waitingBytes + share > capacity) {
                throw exhausted();
            }
            waiting.add(me);
            waitingBytes += share;
            queued.incrementAndGet();
            boolean interrupted = false;
            try {
                while (!(waiting.peek() == me && tryTake(share))) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw exhausted();
                    }
                    try {
                        turn.wait(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } finally {
                waiting.remove(me);
                waitingBytes -= share;
                queued.decrementAndGet();
                // the next in line may fit now (or the one behind a write that gave up)
                turn.notifyAll();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return () -> giveBack(share);
    }

    /** Writes waiting for room now. */
    int queued() {
        return queued.get();
    }

    /** Bytes admitted now. */
    long inUse() {
        return used.get();
    }

    private boolean tryTake(long share) {
        while (true) {
            long now = used.get();
            // a write larger than what is free waits, unless nothing else runs: it is admitted alone
            if (now != 0 && now + share > capacity) {
                return false;
            }
            if (used.compareAndSet(now, now + share)) {
                return true;
            }
        }
    }

    private void giveBack(long share) {
        used.addAndGet(-share);
        if (queued.get() != 0) {
            synchronized (turn) {
                turn.notifyAll();
            }
        }
    }

    private BasehookException exhausted() {
        return new BasehookException(BasehookException.Kind.UNAVAILABLE, "write_budget_exhausted",
                "too many large writes are in progress; retry after the time Retry-After gives");
    }
}
