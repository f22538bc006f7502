package io.basehook.bootstrap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * A background loop on a thread of its own that does not stay dead: when its body throws anything (an
 * {@link OutOfMemoryError} too) or returns while the loop was not stopped, that is reported once as an ERROR with
 * its cause, and the body runs again after a back-off that doubles from {@link #FIRST_BACKOFF} up to
 * {@link #MAX_BACKOFF}, so a failure that persists does not spin. A body that tells {@link #progressed()} starts
 * its next back-off from the shortest again.
 */
public final class SupervisedLoop {

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(SupervisedLoop.class);

    /** Waits out a back-off; tests pass one that does not sleep. */
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private final String name;
    private final Runnable body;
    private final Pause pause;
    private final BiConsumer<Throwable, Duration> report;
    private volatile boolean running;
    /** The body died and has not been started again yet. */
    private volatile boolean dead;
    private volatile boolean progressed;
    private volatile int restarts;
    private Thread thread;

    /** {@code body} runs until {@link #running()} turns false, and returns then. */
    public SupervisedLoop(String name, Runnable body) {
        this(name, body, null, (cause, backoff) ->
                LOG.error("Background loop {} died; starting it again in {} ms", name, backoff.toMillis(), cause));
    }

    /** {@code pause} null: the back-off is waited out here, and {@link #stop} cuts it short. */
    SupervisedLoop(String name, Runnable body, Pause pause, BiConsumer<Throwable, Duration> report) {
        this.name = name;
        this.body = body;
        this.pause = pause != null ? pause : this::waitOut;
        this.report = report;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::supervise, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the body should go on; false once {@link #stop} was called. */
    public boolean running() {
        return running;
    }

    /** Running, and not waiting to be started again after it died. */
    public boolean alive() {
        return running && !dead;
    }

    /** How many times the body was started again after it died. */
    public int restarts() {
        return restarts;
    }

    /** Told by the body after a turn that went well: the next death waits the shortest back-off again. */
    public void progressed() {
        progressed = true;
    }

    /**
     * Stops restarting, tells the body through {@link #running()}, runs {@code wake} (which wakes a body waiting for
     * work) and waits up to {@code timeout} for the body to return.
     *
     * @return whether the thread ended within the timeout
     */
    public boolean stop(Runnable wake, Duration timeout) {
        Thread running;
        synchronized (this) {
            this.running = false;
            running = thread;
            notifyAll(); // ends a back-off
        }
        if (running == null) {
            return true;
        }
        wake.run();
        try {
            running.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !running.isAlive();
    }

    private synchronized void waitOut(Duration backoff) throws InterruptedException {
        long end = System.nanoTime() + backoff.toNanos();
        for (long left = backoff.toMillis(); running && left > 0; left = (end - System.nanoTime()) / 1_000_000) {
            wait(left);
        }
    }

    private void supervise() {
        Duration backoff = FIRST_BACKOFF;
        while (running) {
            Throwable death;
            try {
                body.run();
                death = new IllegalStateException("the loop returned without being stopped");
            } catch (Throwable e) {
                death = e;
            }
            if (!running) {
                return;
            }
            dead = true;
            if (progressed) {
                backoff = FIRST_BACKOFF;
                progressed = false;
            }
            try {
                report.accept(death, backoff);
            } catch (Throwable reportFailed) {
                // the heap may still be short: carry on without the report rather than lose the loop
            }
            try {
                pause.pause(backoff);
            } catch (InterruptedException e) {
                // someone else's interrupt: the loop's condition decides
            }
            Thread.interrupted(); // a body started with the interrupt flag set would fail at once
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            if (running) {
                restarts++;
                dead = false;
            }
        }
    }
}
