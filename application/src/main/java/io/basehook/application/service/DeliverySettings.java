package io.basehook.application.service;

import io.basehook.domain.delivery.RetrySchedule;

import java.time.Duration;
import java.util.Objects;

/**
 * How this instance delivers (SPEC §5).
 *
 * @param claimBatch         at most this many deliveries claimed per turn
 * @param maxInFlight        requests in flight on this instance in all
 * @param maxInFlightPerWebhook requests in flight to one webhook (1 keeps arrival in {@code seq} order)
 * @param lease              how long a claim holds a delivery; longer than the request timeout
 * @param disableAfter       a webhook without any 2xx for this long is disabled
 */
public record DeliverySettings(int claimBatch, int maxInFlight, int maxInFlightPerWebhook, Duration lease,
                               RetrySchedule retrySchedule, Duration disableAfter) {

    public DeliverySettings {
        if (claimBatch < 1 || maxInFlight < 1 || maxInFlightPerWebhook < 1) {
            throw new IllegalArgumentException("delivery limits are positive");
        }
        Objects.requireNonNull(lease);
        Objects.requireNonNull(retrySchedule);
        Objects.requireNonNull(disableAfter);
    }
}
