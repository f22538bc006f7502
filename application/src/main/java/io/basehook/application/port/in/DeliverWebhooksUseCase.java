package io.basehook.application.port.in;

import java.time.Duration;

/**
 * The delivery engine of this instance, driven by a loop in an adapter: each turn records finished attempts
 * and starts due ones, never waiting on an endpoint itself.
 */
public interface DeliverWebhooksUseCase {

    /**
     * Records attempts that finished since the last turn, then claims due deliveries up to the free capacity
     * and starts sending them.
     *
     * @return how many deliveries this turn recorded or started (0: nothing to do until woken)
     */
    int deliverDue();

    /** Attempts sent and not yet recorded. */
    int inFlight();

    /** Stops claiming (SIGTERM); waits up to {@code timeout} for attempts in flight and records them. */
    void drain(Duration timeout);
}
