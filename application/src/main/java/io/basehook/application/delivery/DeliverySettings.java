package io.basehook.application.delivery;

import io.basehook.domain.delivery.RetrySchedule;

import java.time.Duration;
import java.util.Objects;

/**
 * How this instance delivers.
 *
 * @param claimBatch            at most this many deliveries claimed per turn
 * @param maxInFlight           deliveries this instance holds in all: requests in flight, claimed ones waiting
 *                              for a free request slot, and finished ones not yet recorded
 * @param maxInFlightPerWebhook requests in flight to one webhook (1 keeps arrival in {@code seq} order)
 * @param maxClaimedPerWebhook  deliveries one webhook may hold claimed on this instance, sent or waiting for a
 *                              slot; a webhook gets this much room only while its endpoint answers fast
 * @param requestTimeout        how long one attempt may take
 * @param lease                 how long a claim holds a delivery; longer than the request timeout
 * @param disableAfter          a webhook without any 2xx for this long is disabled
 * @param maxHandedOff          deliveries this instance holds handed off by writes ({@link DeliveryHandoff}),
 *                              besides what it claimed; 0 turns hand-offs off
 * @param maxHeldBytes          what the payloads of the deliveries it holds claimed may weigh (each counted in
 *                              full; a claim takes at least one, however large); a write hands off only while
 *                              what is claimed and handed off together stays within it
 */
public record DeliverySettings(int claimBatch, int maxInFlight, int maxInFlightPerWebhook, int maxClaimedPerWebhook,
                               Duration requestTimeout, Duration lease, RetrySchedule retrySchedule,
                               Duration disableAfter, int maxHandedOff, long maxHeldBytes) {

    /** 32 MiB: ten thousands of ordinary events, a few dozen of the largest (docs/adr/0002-write-admission.md). */
    public static final long DEFAULT_MAX_HELD_BYTES = 32L << 20;

    public DeliverySettings {
        if (claimBatch < 1 || maxInFlight < 1 || maxInFlightPerWebhook < 1 || maxHandedOff < 0 || maxHeldBytes < 1) {
            throw new IllegalArgumentException("delivery limits are positive");
        }
        if (maxClaimedPerWebhook < maxInFlightPerWebhook) {
            throw new IllegalArgumentException("a webhook may hold at least as many deliveries as it has in flight");
        }
        Objects.requireNonNull(requestTimeout);
        Objects.requireNonNull(lease);
        Objects.requireNonNull(retrySchedule);
        Objects.requireNonNull(disableAfter);
        if (lease.compareTo(requestTimeout) <= 0) {
            // a lease outlives the request it covers, or a slow answer is sent twice
            throw new IllegalArgumentException("the delivery lease (" + lease + ") must be longer than the request "
                    + "timeout (" + requestTimeout + ")");
        }
    }

    public DeliverySettings(int claimBatch, int maxInFlight, int maxInFlightPerWebhook, int maxClaimedPerWebhook,
                            Duration requestTimeout, Duration lease, RetrySchedule retrySchedule,
                            Duration disableAfter, int maxHandedOff) {
        this(claimBatch, maxInFlight, maxInFlightPerWebhook, maxClaimedPerWebhook, requestTimeout, lease, retrySchedule,
                disableAfter, maxHandedOff, DEFAULT_MAX_HELD_BYTES);
    }

    /** Without hand-offs: every delivery is claimed. */
    public DeliverySettings(int claimBatch, int maxInFlight, int maxInFlightPerWebhook, int maxClaimedPerWebhook,
                            Duration requestTimeout, Duration lease, RetrySchedule retrySchedule,
                            Duration disableAfter) {
        this(claimBatch, maxInFlight, maxInFlightPerWebhook, maxClaimedPerWebhook, requestTimeout, lease, retrySchedule,
                disableAfter, 0);
    }
}
