package io.basehook.testkit.memory;

import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.delivery.AttemptError;
import io.basehook.domain.delivery.WebhookMessage;
import io.basehook.domain.row.EventId;
import io.basehook.domain.webhook.WebhookSecret;
import io.basehook.domain.webhook.WebhookUrl;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordingWebhookPortTest {

    private static final Instant NOW = Instant.parse("2026-11-27T14:30:05.123Z");
    private static final WebhookUrl TARGET = new WebhookUrl("https://hooks.example.com/a");

    private final RecordingWebhookPort port = new RecordingWebhookPort(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void heldAnswersWaitUntilReleasedThenComeInOrder() {
        port.hold();
        CompletableFuture<Attempt> first = port.send(message(TARGET));
        CompletableFuture<Attempt> second = port.send(message(TARGET));

        assertFalse(first.isDone());
        assertFalse(second.isDone());
        assertEquals(2, port.releaseHeld());

        assertTrue(first.join().succeeded());
        assertEquals(NOW, second.join().at());
        assertTrue(port.send(message(TARGET)).isDone(), "no longer holding");
    }

    @Test
    void eachTargetAnswersAsToldAndTheOthersAsTheDefault() {
        WebhookUrl other = new WebhookUrl("https://hooks.example.com/b");
        port.answer(TARGET, RecordingWebhookPort.failing(AttemptError.BLOCKED_ADDRESS))
                .answerOthers(RecordingWebhookPort.delivered());

        Attempt blocked = port.send(message(TARGET)).join();
        Attempt delivered = port.send(message(other)).join();

        assertEquals(AttemptError.BLOCKED_ADDRESS, blocked.error());
        assertTrue(delivered.succeeded());
        assertEquals(null, delivered.responseStatus(), "no response to show");
        assertEquals(1, port.sentTo(other).size());
        assertEquals(List.of(TARGET, other), port.sent().stream().map(sent -> sent.message().target()).toList());
    }

    @Test
    void anAnswerThatThrowsIsAFailedAttemptNotAnException() {
        port.answerOthers((message, at) -> {
            throw new IllegalStateException("broken answer");
        });

        CompletableFuture<Attempt> sent = port.send(message(TARGET));

        assertFalse(sent.isCompletedExceptionally());
        assertEquals(AttemptError.CONNECTION_FAILED, sent.join().error());
        assertEquals(AttemptError.CONNECTION_FAILED, port.send(null).join().error());
    }

    private static WebhookMessage message(WebhookUrl target) {
        return new WebhookMessage(target, EventId.at(NOW), "{}", List.of(WebhookSecret.generate()));
    }
}
