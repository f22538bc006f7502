package io.basehook.bootstrap;

import io.basehook.application.port.in.DeliveryBacklog;
import io.basehook.adapter.webhook.HttpTransportConfiguration;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import org.reactivestreams.Publisher;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The {@code delivery} part of {@code /health}: DOWN while this instance's delivery cannot make progress, so an
 * orchestrator restarts what does not heal by itself. That is while its loop has died and waits to be started
 * again, or while a delivery has been due for longer than {@code basehook.delivery.stalled-after} and no turn of
 * this instance recorded or started one for as long. A slow endpoint's backlog is progress (its attempts end within
 * the request timeout), and so are other instances' claims (they leave nothing due that long); an instance that
 * sends nothing ({@code basehook.delivery.enabled=false}) is UP. Created at start, so a bound that is not above
 * the request timeout and the poll interval stops the start.
 */
@Context
final class DeliveryHealthIndicator implements HealthIndicator {

    private static final String NAME = "delivery";

    private final DeliveryLoop loop;
    private final DeliveryMeters meters;
    private final Clock clock;
    private final Duration stalledAfter;
    private final ExecutorService blocking;

    DeliveryHealthIndicator(DeliveryLoop loop, DeliveryMeters meters, Clock clock, DeliveryConfiguration delivery,
                            HttpTransportConfiguration transport,
                            @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.loop = loop;
        this.meters = meters;
        this.clock = clock;
        this.blocking = blocking;
        this.stalledAfter = delivery.stalledAfter(transport.timeout());
    }

    @Override
    public Publisher<HealthResult> getResult() {
        // the backlog may be read from the database: not on the event loop
        return Publishers.fromCompletableFuture(() -> CompletableFuture.supplyAsync(this::check, blocking));
    }

    private HealthResult check() {
        Map<String, Object> details = new LinkedHashMap<>();
        HealthStatus status = judge(loop.state(), stalledAfter, meters::backlog, clock.instant(), details);
        return HealthResult.builder(NAME, status).details(details).build();
    }

    /** UP or DOWN, as the class says; what it saw goes into {@code details}. The backlog is read only when needed. */
    static HealthStatus judge(DeliveryLoop.State state, Duration stalledAfter, Supplier<DeliveryBacklog> backlog,
                              Instant now, Map<String, Object> details) {
        details.put("sending", state.sending());
        if (!state.sending()) {
            return HealthStatus.UP; // it claims nothing, so nothing waits on it
        }
        details.put("loop", state.alive() ? "running" : "died, starting again");
        details.put("restarts", state.restarts());
        details.put("secondsSinceProgress", state.sinceProgress().toSeconds());
        if (!state.alive()) {
            return HealthStatus.DOWN;
        }
        if (state.sinceProgress().compareTo(stalledAfter) <= 0) {
            return HealthStatus.UP;
        }
        Instant earliestDue = backlog.get().earliestDueAt();
        Duration waiting = earliestDue == null || earliestDue.isAfter(now) ? Duration.ZERO
                : Duration.between(earliestDue, now);
        details.put("secondsDueUnclaimed", waiting.toSeconds());
        return waiting.compareTo(stalledAfter) > 0 ? HealthStatus.DOWN : HealthStatus.UP;
    }
}
