package io.basehook.bootstrap;

import io.basehook.application.port.in.DeliveryBacklog;
import io.micronaut.health.HealthStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** When the delivery part of /health says DOWN: a dead loop, or a due delivery nobody claimed while this one stood still. */
class DeliveryHealthIndicatorTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final Supplier<DeliveryBacklog> NOT_READ = () -> {
        throw new AssertionError("the backlog was read although nothing asked for it");
    };

    private static HealthStatus judge(DeliveryLoop.State state, Supplier<DeliveryBacklog> backlog) {
        return DeliveryHealthIndicator.judge(state, BOUND, backlog, NOW, new HashMap<>());
    }

    private static DeliveryLoop.State running(Duration sinceProgress) {
        return new DeliveryLoop.State(true, true, sinceProgress, 0);
    }

    private static Supplier<DeliveryBacklog> dueSince(Instant due) {
        return () -> new DeliveryBacklog(1, due, due);
    }

    @Test
    void anInstanceThatSendsNothingIsUpWhateverWaits() {
        assertEquals(HealthStatus.UP, judge(new DeliveryLoop.State(false, false, Duration.ofDays(1), 0), NOT_READ));
    }

    @Test
    void aLoopThatDiedAndWaitsToStartAgainIsDown() {
        assertEquals(HealthStatus.DOWN, judge(new DeliveryLoop.State(true, false, Duration.ZERO, 1), NOT_READ));
    }

    @Test
    void aLoopThatProgressedWithinTheBoundIsUpWithoutReadingTheBacklog() {
        assertEquals(HealthStatus.UP, judge(running(BOUND), NOT_READ));
    }

    @Test
    void aDeliveryDueLongerThanTheBoundWhileThisLoopStoodStillIsDown() {
        assertEquals(HealthStatus.DOWN, judge(running(BOUND.plusSeconds(1)), dueSince(NOW.minus(BOUND).minusSeconds(1))));
    }

    // idle (nothing due), or other instances claim what comes due: this one standing still is no stall
    @Test
    void aLoopStandingStillWhileNothingWaitsThatLongIsUp() {
        DeliveryLoop.State still = running(Duration.ofHours(1));
        assertEquals(HealthStatus.UP, judge(still, () -> new DeliveryBacklog(0, null, null)));
        assertEquals(HealthStatus.UP, judge(still, dueSince(NOW.minus(BOUND))));
        assertEquals(HealthStatus.UP, judge(still, dueSince(NOW.plusSeconds(30))), "leased: due when its lease runs out");
    }
}
