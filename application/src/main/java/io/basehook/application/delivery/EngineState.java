package io.basehook.application.delivery;

import io.basehook.application.port.out.DeliveryWakeup;
import io.basehook.domain.webhook.WebhookId;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * What the parts of the delivery engine share across threads: the lanes, what the senders' threads hand to the
 * next turn, and the instance's hand-off and byte counts; with the settings, clock and wake-up every part uses.
 * The loop thread's own books are in {@link TurnLedger}.
 */
final class EngineState {

    final DeliverySettings settings;
    final Clock clock;
    final DeliveryWakeup wakeup;
    final WebhookPace pace;

    /** Attempts that ended, added by the threads that got the answers, recorded by the next turn. */
    final Queue<FinishedAttempt> finished = new ConcurrentLinkedQueue<>();
    /** Waited so long that the lease would not outlive the request: given back unsent by the next turn. */
    final Queue<HeldDelivery> lapsed = new ConcurrentLinkedQueue<>();
    final Map<WebhookId, WebhookLane> lanes = new ConcurrentHashMap<>();
    /** Handed-off deliveries held in all. */
    final AtomicInteger handedInAll = new AtomicInteger();
    /** What the payloads of the handed-off deliveries weigh, each counted in full. */
    final AtomicLong handedBytes = new AtomicLong();
    /** What the payloads of the claimed deliveries weigh; written by the loop thread, read by writers. */
    volatile long claimedBytes;
    /** Stopping: nothing starts any more, and what waits goes back to the database. */
    volatile boolean draining;

    EngineState(DeliverySettings settings, Clock clock, DeliveryWakeup wakeup) {
        this.settings = settings;
        this.clock = clock;
        this.wakeup = wakeup;
        this.pace = new WebhookPace(settings);
    }

    /**
     * Runs {@code work} on the webhook's lane under its lock, marked used at {@code now}; a lane forgotten meanwhile
     * is replaced by a new one, which is behind until a claim has caught it up.
     */
    <T> T inLane(WebhookId webhookId, Instant now, Function<WebhookLane, T> work) {
        while (true) {
            WebhookLane lane = lanes.computeIfAbsent(webhookId, id -> new WebhookLane(id, now));
            synchronized (lane) {
                if (!lane.retired) {
                    lane.lastUsed = now;
                    return work.apply(lane);
                }
            }
        }
    }
}
