package io.basehook.testkit.contract;

import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.delivery.AttemptError;
import io.basehook.domain.delivery.WebhookMessage;
import io.basehook.domain.delivery.WebhookPort;
import io.basehook.domain.row.EventId;
import io.basehook.domain.webhook.WebhookSecret;
import io.basehook.domain.webhook.WebhookUrl;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link WebhookPort}: a message reaches its receiver byte for byte with its event id; a receiver that takes it is a
 * success, one that answers with an error status (or, without responses, rejects it) a failure that says so; a
 * target that refuses connections, or never answers, is a failed attempt with its {@link AttemptError}; and the
 * future never completes exceptionally. The implementing test gives the port and its receivers, fresh for each test.
 */
public interface WebhookPortContract {

    /** What one message looked like where it arrived. */
    record Received(byte[] body, String eventId) {
    }

    WebhookPort port();

    /**
     * Where a receiver takes every message and answers with {@code status} (a 2xx, or an error status such as 503).
     * A transport without responses answers a 2xx by taking the message and any other status by rejecting it.
     */
    WebhookUrl receiverAnswering(int status);

    /** Where nothing listens: a connection is refused at once. */
    WebhookUrl refusingTarget();

    /**
     * Where a connection is taken but nothing ever answers; null skips that test (the port's timeout must then be
     * short, as an implementing test can configure it).
     */
    default WebhookUrl silentTarget() {
        return null;
    }

    /** Every message the receivers got since the test began, in the order they arrived. */
    List<Received> received() throws Exception;

    /** Whether the transport reports the receiver's status ({@link Attempt#responseStatus}), as HTTP does. */
    default boolean reportsStatus() {
        return true;
    }

    @Test
    default void aReceiverThatTakesTheMessageIsASuccess() throws Exception {
        Attempt attempt = attempt(port().send(message(receiverAnswering(200), "{\"ok\":true}")));

        assertTrue(attempt.succeeded(), attempt::toString);
        assertNull(attempt.error(), attempt.errorDetail());
        if (reportsStatus()) {
            assertEquals(200, attempt.responseStatus());
        }
        assertNotNull(attempt.at());
        assertFalse(attempt.duration().isNegative());
        assertEquals(1, received().size());
    }

    @Test
    default void anErrorStatusIsAFailureThatSaysSo() throws Exception {
        Attempt attempt = attempt(port().send(message(receiverAnswering(503), "{\"ok\":false}")));

        assertFalse(attempt.succeeded());
        if (reportsStatus()) {
            assertEquals(503, attempt.responseStatus());
            assertNull(attempt.error());
        } else {
            assertEquals(AttemptError.REJECTED, attempt.error());
        }
    }

    @Test
    default void thePayloadArrivesByteForByteWithTheEventId() throws Exception {
        String payload = "{\"event\":\"update\",\"data\":{\"row_name\":\"Grüße 👋 \\\"quoted\\\"\\n\",\"seq\":42}}";
        WebhookMessage message = message(receiverAnswering(204), payload);

        assertTrue(attempt(port().send(message)).succeeded());

        List<Received> received = received();
        assertEquals(1, received.size());
        assertArrayEquals(payload.getBytes(StandardCharsets.UTF_8), received.get(0).body());
        assertEquals(message.eventId().value(), received.get(0).eventId());
    }

    @Test
    default void eachMessageArrivesOnceWithItsOwnEventId() throws Exception {
        WebhookUrl target = receiverAnswering(200);
        WebhookMessage first = message(target, "{\"n\":1}");
        WebhookMessage second = message(target, "{\"n\":2}");

        assertTrue(attempt(port().send(first)).succeeded());
        assertTrue(attempt(port().send(second)).succeeded());

        List<Received> received = received();
        assertEquals(List.of(first.eventId().value(), second.eventId().value()),
                received.stream().map(Received::eventId).toList());
        assertArrayEquals("{\"n\":2}".getBytes(StandardCharsets.UTF_8), received.get(1).body());
    }

    @Test
    default void aRefusedConnectionIsAFailedAttemptNotAnException() throws Exception {
        CompletableFuture<Attempt> sent = port().send(message(refusingTarget(), "{}"));

        Attempt attempt = attempt(sent);

        assertFalse(attempt.succeeded());
        assertEquals(AttemptError.CONNECTION_REFUSED, attempt.error(), attempt.errorDetail());
        assertNull(attempt.responseStatus());
    }

    @Test
    default void aReceiverThatNeverAnswersIsATimeout() throws Exception {
        WebhookUrl silent = silentTarget();
        Assumptions.assumeTrue(silent != null, "no silent receiver given");

        Attempt attempt = attempt(port().send(message(silent, "{}")));

        assertFalse(attempt.succeeded());
        assertEquals(AttemptError.TIMEOUT, attempt.error(), attempt.errorDetail());
        assertNull(attempt.responseStatus());
    }

    @Test
    default void manyMessagesAtOnceEachGetTheirOwnAttempt() throws Exception {
        WebhookUrl ok = receiverAnswering(200);
        WebhookUrl failing = receiverAnswering(500);
        WebhookUrl refused = refusingTarget();
        List<CompletableFuture<Attempt>> sent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            WebhookUrl target = i % 3 == 0 ? ok : i % 3 == 1 ? failing : refused;
            sent.add(port().send(message(target, "{\"n\":" + i + "}")));
        }

        for (int i = 0; i < sent.size(); i++) {
            Attempt attempt = attempt(sent.get(i));
            assertEquals(i % 3 == 0, attempt.succeeded(), "message " + i + ": " + attempt);
            if (i % 3 == 2) {
                assertEquals(AttemptError.CONNECTION_REFUSED, attempt.error());
            }
        }
        assertEquals(20, received().size(), "the refused ten never arrived");
    }

    /** A message signed with a fresh secret. */
    default WebhookMessage message(WebhookUrl target, String payload) {
        return new WebhookMessage(target, EventId.at(Instant.now()), payload, List.of(WebhookSecret.generate()));
    }

    /** The attempt, failing the test if the future completed exceptionally or not within a minute. */
    default Attempt attempt(CompletableFuture<Attempt> sent) throws InterruptedException {
        try {
            Attempt attempt = sent.get(60, TimeUnit.SECONDS);
            assertNotNull(attempt, "a future completes with an attempt");
            return attempt;
        } catch (ExecutionException e) {
            return fail("the future completed exceptionally; a failure is an attempt", e.getCause());
        } catch (TimeoutException e) {
            return fail("no attempt within a minute");
        }
    }
}
