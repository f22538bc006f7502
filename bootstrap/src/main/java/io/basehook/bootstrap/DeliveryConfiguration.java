package io.basehook.bootstrap;

import io.basehook.domain.delivery.RetrySchedule;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code basehook.delivery.*}: how this instance delivers, read once and checked at start. The attempt timeout, the
 * connect timeout and the connections per host belong to the HTTP transport and are read there
 * ({@code HttpTransportConfiguration}).
 *
 * @param enabled               false: this instance serves the API only and leaves sending to the others
 * @param lease                 how long a claim holds a delivery; unset: the attempt timeout plus 45 s
 * @param retrySchedule         the delays between attempts, e.g. {@code 5s,5m,30m}
 * @param disableAfter          a webhook without any 2xx for this long is disabled
 * @param claimBatch            deliveries claimed per turn at most
 * @param maxInFlight           deliveries this instance holds in all: in flight, claimed ahead, not yet recorded
 * @param maxInFlightPerWebhook requests in flight to one webhook
 * @param maxClaimedPerWebhook  deliveries one fast webhook may hold claimed ahead
 * @param maxHandedOff          deliveries writes may hand straight to this instance; 0: every one is claimed
 * @param maxHeldBytes          what the payloads of the claimed deliveries may weigh
 * @param pollInterval          how often the loop looks for due retries and expired leases without a wake-up
 * @param shutdownGrace         how long attempts in flight may finish on SIGTERM
 * @param stalledAfter          {@code /health} is DOWN once a delivery waited this long and this instance sent none
 */
@Context
@ConfigurationProperties("basehook.delivery")
public record DeliveryConfiguration(boolean enabled, @Nullable Duration lease, String retrySchedule,
                                    Duration disableAfter, int claimBatch, int maxInFlight, int maxInFlightPerWebhook,
                                    int maxClaimedPerWebhook, int maxHandedOff, long maxHeldBytes,
                                    Duration pollInterval, Duration shutdownGrace, Duration stalledAfter) {

    private static final String PREFIX = "basehook.delivery.";

    public DeliveryConfiguration {
        Settings.positive(PREFIX + "claim-batch", claimBatch);
        Settings.positive(PREFIX + "max-in-flight", maxInFlight);
        Settings.positive(PREFIX + "max-in-flight-per-webhook", maxInFlightPerWebhook);
        Settings.positive(PREFIX + "max-claimed-per-webhook", maxClaimedPerWebhook);
        Settings.notNegative(PREFIX + "max-handed-off", maxHandedOff);
        Settings.positive(PREFIX + "max-held-bytes", maxHeldBytes);
        Settings.positive(PREFIX + "disable-after", disableAfter);
        Settings.positive(PREFIX + "poll-interval", pollInterval);
        Settings.notNegative(PREFIX + "shutdown-grace", shutdownGrace);
        Settings.positive(PREFIX + "stalled-after", stalledAfter);
        if (lease != null) {
            Settings.positive(PREFIX + "lease", lease);
        }
        schedule(retrySchedule);
    }

    /** Binds the keys as text, so a value that is not a number, a size or a duration stops the start. */
    @Creator
    DeliveryConfiguration(@Bindable(defaultValue = "true") boolean enabled,
                          @Bindable(defaultValue = "") @Nullable String lease,
                          @Bindable(defaultValue = "5s,5m,30m,2h,5h,10h,10h") String retrySchedule,
                          @Bindable(defaultValue = "5d") String disableAfter,
                          @Bindable(defaultValue = "200") String claimBatch,
                          @Bindable(defaultValue = "512") String maxInFlight,
                          @Bindable(defaultValue = "16") String maxInFlightPerWebhook,
                          @Bindable(defaultValue = "256") String maxClaimedPerWebhook,
                          @Bindable(defaultValue = "16384") String maxHandedOff,
                          @Bindable(defaultValue = "32MB") String maxHeldBytes,
                          @Bindable(defaultValue = "500ms") String pollInterval,
                          @Bindable(defaultValue = "20s") String shutdownGrace,
                          @Bindable(defaultValue = "60s") String stalledAfter) {
        this(enabled,
                lease == null || lease.isBlank() ? null : Settings.duration(PREFIX + "lease", lease),
                retrySchedule,
                Settings.duration(PREFIX + "disable-after", disableAfter),
                Settings.number(PREFIX + "claim-batch", claimBatch),
                Settings.number(PREFIX + "max-in-flight", maxInFlight),
                Settings.number(PREFIX + "max-in-flight-per-webhook", maxInFlightPerWebhook),
                Settings.number(PREFIX + "max-claimed-per-webhook", maxClaimedPerWebhook),
                Settings.number(PREFIX + "max-handed-off", maxHandedOff),
                Settings.bytes(PREFIX + "max-held-bytes", maxHeldBytes),
                Settings.duration(PREFIX + "poll-interval", pollInterval),
                Settings.duration(PREFIX + "shutdown-grace", shutdownGrace),
                Settings.duration(PREFIX + "stalled-after", stalledAfter));
    }

    /** The retry schedule, parsed. */
    public RetrySchedule schedule() {
        return schedule(retrySchedule);
    }

    /** The lease, or the attempt timeout plus 45 s; it must outlive an attempt, or a slow answer is sent twice. */
    public Duration leaseFor(Duration timeout) {
        Duration chosen = lease != null ? lease : timeout.plusSeconds(45);
        if (chosen.compareTo(timeout) <= 0) {
            throw Settings.invalid(PREFIX + "lease", chosen, "must be longer than basehook.delivery.timeout ("
                    + timeout + ")");
        }
        return chosen;
    }

    /**
     * Checks {@code stalled-after} against the transport's timeout: an attempt ends within the timeout and a due
     * retry is seen within a poll interval, so a shorter bound would call a slow endpoint's backlog a stall.
     */
    public Duration stalledAfter(Duration timeout) {
        Duration least = timeout.plus(pollInterval);
        if (stalledAfter.compareTo(least) <= 0) {
            throw Settings.invalid(PREFIX + "stalled-after", stalledAfter, "must be longer than "
                    + "basehook.delivery.timeout plus basehook.delivery.poll-interval (" + least + ")");
        }
        return stalledAfter;
    }

    private static RetrySchedule schedule(String text) {
        try {
            return RetrySchedule.parse(text);
        } catch (RuntimeException e) {
            throw Settings.invalid(PREFIX + "retry-schedule", text, "is not a list of delays like 5s,5m,30m ("
                    + e.getMessage() + ")");
        }
    }
}
