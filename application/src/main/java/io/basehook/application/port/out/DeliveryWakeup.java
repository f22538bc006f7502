package io.basehook.application.port.out;

/** Wakes this instance's delivery loop: deliveries were queued or an attempt finished. Cheap, never blocks. */
public interface DeliveryWakeup {

    void wake();
}
