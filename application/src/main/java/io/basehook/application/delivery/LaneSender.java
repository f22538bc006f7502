package io.basehook.application.delivery;

import io.basehook.application.port.out.ClaimedDelivery;
import io.basehook.application.port.out.DeliveryWakeup;
import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.delivery.AttemptError;
import io.basehook.domain.delivery.WebhookMessage;
import io.basehook.domain.delivery.WebhookPort;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sends what waits in the lanes, never more than {@link DeliverySettings#maxInFlightPerWebhook()} requests open
 * per webhook, without holding a thread: each answer goes to the next turn to record, and starts the lane's next
 * delivery at once, on the thread that got it.
 */
final class LaneSender {

    private final EngineState state;
    private final DeliverySettings settings;
    private final Clock clock;
    private final DeliveryWakeup wakeup;
    private final WebhookPort sender;

    LaneSender(EngineState state, WebhookPort sender) {
        this.state = state;
        this.settings = state.settings;
        this.clock = state.clock;
        this.wakeup = state.wakeup;
        this.sender = sender;
    }

    /**
     * Starts what waits in the lane while it has free request slots. Any thread may call it (the loop after a
     * claim, a writer after its commit, a sender's thread after an answer); one starts a lane's deliveries at a
     * time, and it looks again after each start, so a slot freed meanwhile is never left unused.
     */
    void startWaiting(WebhookLane lane) {
        synchronized (lane) {
            if (lane.starting) {
                return;
            }
            lane.starting = true;
        }
        while (true) {
            HeldDelivery next;
            boolean lapse;
            synchronized (lane) {
                next = state.draining || lane.sending >= settings.maxInFlightPerWebhook() ? null : lane.waiting.poll();
                if (next == null) {
                    lane.starting = false;
                    return;
                }
                // the lease could end before the answer, and another instance would send it too
                lapse = !clock.instant().plus(settings.requestTimeout()).isBefore(next.leaseUntil());
                if (lapse) {
                    lane.fallBehind(); // given back due: what is handed off later would overtake it
                } else {
                    lane.sending++;
                }
            }
            if (lapse) {
                state.lapsed.add(next);
                wakeup.wake();
            } else {
                send(lane, next);
            }
        }
    }

    private void send(WebhookLane lane, HeldDelivery held) {
        ClaimedDelivery delivery = held.delivery();
        Instant at = clock.instant();
        CompletableFuture<Attempt> sending;
        try {
            sending = sender.send(new WebhookMessage(held.webhook().url(), delivery.eventId(), delivery.payload(),
                    held.webhook().signingSecrets(at)));
        } catch (RuntimeException e) {
            // a send that throws instead of answering would otherwise hold its slot forever
            sending = CompletableFuture.failedFuture(e);
        }
        sending.whenComplete((attempt, error) -> {
            Attempt outcome = attempt != null ? attempt : Attempt.failed(at, Duration.between(at, clock.instant()),
                    Map.of(), AttemptError.CONNECTION_FAILED, String.valueOf(error));
            state.finished.add(new FinishedAttempt(held, outcome));
            synchronized (lane) {
                lane.sending--;
            }
            startWaiting(lane);
            wakeup.answered();
        });
    }
}
