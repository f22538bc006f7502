package io.basehook.testkit.memory;

import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.delivery.AttemptError;
import io.basehook.domain.delivery.WebhookMessage;
import io.basehook.domain.delivery.WebhookPort;
import io.basehook.domain.webhook.WebhookUrl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link WebhookPort} without a network: it records every message it is given and answers as it is told, per
 * target or for all of them (by default a 200). With {@link #hold} its answers wait until {@link #releaseHeld}, so a
 * test decides when attempts finish. Safe from any thread. Like every adapter of the port, it never completes a
 * future exceptionally: an answer that throws is a {@link AttemptError#CONNECTION_FAILED} attempt.
 */
public final class RecordingWebhookPort implements WebhookPort {

    /** How a target answers one message, at the time the port's clock gives. */
    @FunctionalInterface
    public interface Answer {
        Attempt to(WebhookMessage message, Instant at);
    }

    /** An HTTP-like answer with this status and an empty body; a 2xx is a success. */
    public static Answer status(int status) {
        return (message, at) -> Attempt.answered(at, Duration.ZERO, headersOf(message), status, Map.of(), "", null);
    }

    /** Taken, by a transport that has no response to show. */
    public static Answer delivered() {
        return (message, at) -> Attempt.delivered(at, Duration.ZERO);
    }

    /** No answer, for the reason given: a refused connection, a timeout, a blocked address. */
    public static Answer failing(AttemptError error) {
        return (message, at) -> Attempt.failed(at, Duration.ZERO, headersOf(message), error, error.label());
    }

    /** A message as it was sent, and when. */
    public record Sent(WebhookMessage message, Instant at) {
    }

    private final Clock clock;
    private final Object lock = new Object();
    private final List<Sent> sent = new ArrayList<>();
    private final Map<WebhookUrl, Answer> answers = new HashMap<>();
    private final List<Runnable> held = new ArrayList<>();
    private Answer answerOfOthers = status(200);
    private boolean holding;

    public RecordingWebhookPort() {
        this(Clock.systemUTC());
    }

    public RecordingWebhookPort(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public CompletableFuture<Attempt> send(WebhookMessage message) {
        Instant at = clock.instant();
        if (message == null) {
            return CompletableFuture.completedFuture(Attempt.failed(at, Duration.ZERO, AttemptError.CONNECTION_FAILED,
                    "no message"));
        }
        CompletableFuture<Attempt> result = new CompletableFuture<>();
        Answer answer;
        synchronized (lock) {
            sent.add(new Sent(message, at));
            answer = answers.getOrDefault(message.target(), answerOfOthers);
            if (holding) {
                held.add(() -> result.complete(answered(answer, message, at)));
                return result;
            }
        }
        result.complete(answered(answer, message, at));
        return result;
    }

    /** From now on {@code target} answers so. */
    public RecordingWebhookPort answer(WebhookUrl target, Answer answer) {
        synchronized (lock) {
            answers.put(Objects.requireNonNull(target), Objects.requireNonNull(answer));
        }
        return this;
    }

    /** From now on every target without an answer of its own answers so. */
    public RecordingWebhookPort answerOthers(Answer answer) {
        synchronized (lock) {
            answerOfOthers = Objects.requireNonNull(answer);
        }
        return this;
    }

    /** From now on answers wait, in flight, until {@link #releaseHeld}. */
    public void hold() {
        synchronized (lock) {
            holding = true;
        }
    }

    /** Answers every message held so far, in the order sent, and stops holding. @return how many */
    public int releaseHeld() {
        List<Runnable> release;
        synchronized (lock) {
            holding = false;
            release = List.copyOf(held);
            held.clear();
        }
        release.forEach(Runnable::run);
        return release.size();
    }

    /** Every message sent so far, in order. */
    public List<Sent> sent() {
        synchronized (lock) {
            return List.copyOf(sent);
        }
    }

    /** The messages sent to {@code target} so far, in order. */
    public List<WebhookMessage> sentTo(WebhookUrl target) {
        synchronized (lock) {
            return sent.stream().map(Sent::message).filter(message -> message.target().equals(target)).toList();
        }
    }

    private static Attempt answered(Answer answer, WebhookMessage message, Instant at) {
        try {
            return Objects.requireNonNull(answer.to(message, at), "an answer gives an attempt");
        } catch (RuntimeException e) {
            return Attempt.failed(at, Duration.ZERO, AttemptError.CONNECTION_FAILED, String.valueOf(e.getMessage()));
        }
    }

    private static Map<String, String> headersOf(WebhookMessage message) {
        return Map.of("webhook-id", message.eventId().value());
    }
}
