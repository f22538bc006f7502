package io.basehook.application.port.out;

import io.basehook.domain.delivery.DeliveryStatus;

import java.time.Duration;

/** What operators watch: each finished attempt, by what it made of its delivery, and how long it took. */
public interface DeliveryMetrics {

    /** @param outcome SUCCEEDED, RETRYING or FAILED */
    void attemptFinished(DeliveryStatus outcome, Duration duration);
}
