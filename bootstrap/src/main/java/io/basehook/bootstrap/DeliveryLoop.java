package io.basehook.bootstrap;

import io.basehook.application.port.in.DeliverWebhooksUseCase;
import io.basehook.application.port.out.DeliveryWakeup;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The thread that drives this instance's delivery engine: a turn whenever a commit or a finished attempt wakes
 * it, at once again while a claim comes back full, and at least every poll interval. A turn is told that
 * deliveries may be due when a commit woke it ({@link #wake()}) or a poll interval passed since the last turn so
 * told (which catches retries falling due and what other instances leave); one woken by finished attempts alone
 * ({@link #answered()}) is not, and the engine then claims only where its own state says something waits.
 * Sending itself never happens on this thread. The thread is a {@link SupervisedLoop}: a turn that fails on the
 * database is retried here, anything else it dies of (an OutOfMemoryError) starts it again. On shutdown it stops
 * claiming and waits for what is in flight.
 */
@Singleton
@Requires(beans = DeliverWebhooksUseCase.class)
public final class DeliveryLoop implements DeliveryWakeup, ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLoop.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final Provider<DeliverWebhooksUseCase> engine;
    private final Duration pollInterval;
    private final Duration shutdownGrace;
    private final boolean enabled;
    private final Semaphore signal = new Semaphore(0);
    /** A commit queued or made deliveries due since the last turn that was told so. */
    private final AtomicBoolean mayBeDue = new AtomicBoolean(true);
    private final SupervisedLoop loop = new SupervisedLoop("basehook-delivery", this::run);
    /** The engine, once the loop has looked it up. */
    private volatile DeliverWebhooksUseCase deliveries;
    /** When a turn last recorded or started a delivery, or the loop first started (System.nanoTime). */
    private volatile long progressedAt;

    // a Provider: the engine needs this loop as its wake-up, so it is looked up when the loop starts
    @Inject
    DeliveryLoop(Provider<DeliverWebhooksUseCase> engine, DeliveryConfiguration delivery) {
        this(engine, delivery.pollInterval(), delivery.shutdownGrace(), delivery.enabled());
    }

    DeliveryLoop(Provider<DeliverWebhooksUseCase> engine, Duration pollInterval, Duration shutdownGrace,
                 boolean enabled) {
        this.engine = engine;
        this.enabled = enabled;
        this.pollInterval = pollInterval;
        this.shutdownGrace = shutdownGrace;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        start();
    }

    synchronized void start() {
        // an instance may serve the API only and leave sending to others (basehook.delivery.enabled=false)
        if (loop.running() || !enabled) {
            return;
        }
        progressedAt = System.nanoTime();
        loop.start();
    }

    /** How this instance's delivery stands, for {@code /health}. */
    public State state() {
        return new State(enabled, loop.alive(), Duration.ofNanos(System.nanoTime() - progressedAt), loop.restarts());
    }

    /**
     * {@code sending}: this instance claims deliveries at all; {@code alive}: its loop runs (false while it waits to
     * be started again after it died); {@code sinceProgress}: since a turn last recorded or started a delivery, or
     * the loop first started; {@code restarts}: how often it died and was started again.
     */
    public record State(boolean sending, boolean alive, Duration sinceProgress, int restarts) {
    }

    @Override
    public void wake() {
        mayBeDue.set(true);
        signal();
    }

    @Override
    public void answered() {
        signal();
    }

    private void signal() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    /** The supervised body: turns until the loop is stopped; it dies of what it does not expect. */
    private void run() {
        // the turn that died may have been told that deliveries were due: the first one after a start claims
        mayBeDue.set(true);
        Duration backoff = Duration.ofMillis(100);
        long toldAt = System.nanoTime(); // when a turn was last told that deliveries may be due
        while (loop.running()) {
            try {
                if (deliveries == null) {
                    deliveries = engine.get();
                }
                // cleared before the turn: a commit woken for during it is told to the next one
                boolean due = mayBeDue.getAndSet(false);
                if (!due && System.nanoTime() - toldAt >= pollInterval.toNanos()) {
                    due = true; // answers alone kept it busy for a poll interval: retries may have fallen due
                }
                if (due) {
                    toldAt = System.nanoTime();
                }
                try {
                    if (deliveries.deliverDue(due) > 0) {
                        progressedAt = System.nanoTime();
                    }
                } catch (Throwable e) {
                    if (due) {
                        mayBeDue.set(true); // the turn that was told did not claim: the next one is told again
                    }
                    throw e;
                }
                loop.progressed();
                backoff = Duration.ofMillis(100);
                // a turn claims all that is due and within capacity: the next one waits for a reason (a commit,
                // a finished attempt, a wake that came during this turn) unless the claim was cut by its batch
                // size. The permits are drained before the next claim, so a commit woken for is always seen.
                if (!deliveries.moreDue() && !signal.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS)) {
                    mayBeDue.set(true); // a poll interval without a wake: retries may have fallen due
                }
                signal.drainPermits();
            } catch (InterruptedException e) {
                if (loop.running()) {
                    throw new IllegalStateException("the delivery loop was interrupted", e);
                }
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | LinkageError e) {
                // the database may be restarting: try again later, nothing claimed or finished is lost
                LOG.warn("Delivery turn failed ({}); retrying in {} ms", e.toString(), backoff.toMillis());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (!loop.running()) {
            return;
        }
        if (!loop.stop(this::wake, shutdownGrace)) {
            // its leases run out and another instance (or the next start) sends what it held
            LOG.warn("The delivery loop did not end its turn within {}; stopping without draining", shutdownGrace);
            return;
        }
        // the loop's thread has ended (or was never past its back-off): this thread drives the engine now
        if (deliveries != null) {
            deliveries.drain(shutdownGrace);
            LOG.info("Delivery loop stopped; {} deliveries were still held", deliveries.inFlight());
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
