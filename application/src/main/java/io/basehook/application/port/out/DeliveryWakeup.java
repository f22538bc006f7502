package io.basehook.application.port.out;

/** Wakes this instance's delivery loop. Cheap, never blocks. */
public interface DeliveryWakeup {

    /** Deliveries were queued or made due in the database: the next turn claims. */
    void wake();

    /**
     * An attempt finished: the next turn records it, and claims only if the engine's own state says something may
     * be due (a turn still claims at least every poll interval, for retries falling due and other instances' work).
     */
    default void answered() {
        wake();
    }
}
