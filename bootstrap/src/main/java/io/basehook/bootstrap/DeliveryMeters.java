package io.basehook.bootstrap;

import io.basehook.application.port.in.DeliveryBacklog;
import io.basehook.application.port.in.ReadDeliveryBacklogUseCase;
import io.basehook.application.port.out.DeliveryMetrics;
import io.basehook.domain.delivery.DeliveryStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The delivery metrics of {@code /prometheus}: deliveries by outcome, attempt latency, open
 * deliveries and the age of the oldest. The backlog is read from the database at most once a second, for these
 * gauges and for {@link DeliveryHealthIndicator} alike.
 */
@Singleton
final class DeliveryMeters implements DeliveryMetrics {

    private final Map<DeliveryStatus, Counter> outcomes = new EnumMap<>(DeliveryStatus.class);
    private final Timer latency;
    private final ReadDeliveryBacklogUseCase backlog;
    private final Clock clock;
    private volatile DeliveryBacklog lastBacklog = new DeliveryBacklog(0, null, null);
    private volatile long lastRead;

    DeliveryMeters(MeterRegistry registry, ReadDeliveryBacklogUseCase backlog, Clock clock) {
        this.backlog = backlog;
        this.clock = clock;
        for (DeliveryStatus status : new DeliveryStatus[] {DeliveryStatus.SUCCEEDED, DeliveryStatus.RETRYING,
                DeliveryStatus.FAILED}) {
            outcomes.put(status, Counter.builder("basehook.delivery.attempts")
                    .description("Finished webhook attempts, by what they made of their delivery")
                    .tag("outcome", status.wireName()).register(registry));
        }
        latency = Timer.builder("basehook.delivery.attempt.duration")
                .description("Time from sending a webhook request to its answer or error")
                .publishPercentileHistogram().register(registry);
        Gauge.builder("basehook.deliveries.open", this, meters -> meters.backlog().open())
                .description("Deliveries pending or retrying").register(registry);
        Gauge.builder("basehook.deliveries.oldest.open.age.seconds", this, DeliveryMeters::oldestAgeSeconds)
                .description("Age of the oldest delivery still pending or retrying").register(registry);
    }

    @Override
    public void attemptFinished(DeliveryStatus outcome, Duration duration) {
        Counter counter = outcomes.get(outcome);
        if (counter != null) {
            counter.increment();
        }
        latency.record(duration);
    }

    private double oldestAgeSeconds() {
        DeliveryBacklog current = backlog();
        return current.oldestCreatedAt() == null ? 0
                : Duration.between(current.oldestCreatedAt(), clock.instant()).toMillis() / 1000.0;
    }

    /** The backlog as last read, at most a second old unless the database is away; /health asks it too. */
    DeliveryBacklog backlog() {
        long now = System.nanoTime();
        if (now - lastRead > 1_000_000_000L) {
            try {
                lastBacklog = backlog.readDeliveryBacklog();
            } catch (RuntimeException databaseAway) {
                // keep the last known value; /health tells that the database is away
            }
            lastRead = now;
        }
        return lastBacklog;
    }
}
