package io.basehook.application.port.in;

import java.time.Duration;

/**
 * The delivery engine of this instance, driven by a loop in an adapter: each turn records finished attempts
 * and starts due ones, never waiting on an endpoint itself.
 */
public interface DeliverWebhooksUseCase {

    /**
     * Records attempts that finished since the last turn and claims due deliveries up to the free capacity, in
     * one transaction; once it committed, starts sending them.
     *
     * @param mayBeDue whether deliveries may have come due in the database since the last turn: a commit queued or
     *                 made some due (the wake-up a commit gives the engine), or
     *                 time passed (retries, other instances' leases running out). When only attempts finished it
     *                 is false, and the turn claims only where this instance's own state says something may wait:
     *                 the last claim found something due, a lane waits for a claim, or deliveries were given back
     * @return how many deliveries this turn recorded or started
     */
    int deliverDue(boolean mayBeDue);

    /** A turn that claims whatever is due, as after a commit. */
    default int deliverDue() {
        return deliverDue(true);
    }

    /**
     * Whether the last turn's claim was cut short by its batch size, so more deliveries may be due at once.
     * Otherwise nothing more is due until a commit queues some, an attempt finishes or a retry falls due.
     */
    boolean moreDue();

    /**
     * Deliveries this instance holds: claimed and waiting for a request slot, in flight, or not yet recorded. Asked
     * on the thread that drives the turns.
     */
    int inFlight();

    /**
     * Stops claiming (SIGTERM): gives back what waits unsent, waits up to {@code timeout} for attempts in flight
     * and records them.
     */
    void drain(Duration timeout);
}
