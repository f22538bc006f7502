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
     * @return how many deliveries this turn recorded or started
     */
    int deliverDue();

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
