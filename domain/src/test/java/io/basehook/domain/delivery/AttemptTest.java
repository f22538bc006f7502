package io.basehook.domain.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttemptTest {

    private static final Instant AT = Instant.parse("2026-11-27T14:30:00Z");
    private static final Duration TOOK = Duration.ofMillis(120);

    private static Attempt answered(int status) {
        return Attempt.answered(AT, TOOK, Map.of(), status, Map.of(), "ok", null);
    }

    // Success is any 2xx
    @Test
    void every2xxIsASuccess() {
        for (int status : new int[] {200, 201, 202, 204, 299}) {
            assertTrue(answered(status).succeeded(), "status " + status);
        }
    }

    // redirects are not followed, so a 3xx did not reach the receiver
    @Test
    void every1xx3xx4xxAnd5xxIsAFailure() {
        for (int status : new int[] {100, 199, 300, 301, 302, 304, 400, 404, 410, 429, 500, 502, 503}) {
            assertFalse(answered(status).succeeded(), "status " + status);
        }
    }

    @Test
    void anErrorIsAFailureWithoutAResponse() {
        for (AttemptError error : AttemptError.values()) {
            Attempt attempt = Attempt.failed(AT, TOOK, Map.of("webhook-id", "evt_x"), error, "detail");
            assertFalse(attempt.succeeded(), error.label());
            assertNull(attempt.responseStatus());
            assertNull(attempt.responseBody());
            assertEquals(Map.of(), attempt.responseHeaders());
            assertEquals(error, attempt.error());
            assertEquals("detail", attempt.errorDetail());
            assertNull(attempt.retryAfter());
        }
    }

    // The delivery log keeps the first 4 KiB of the response body
    @Test
    void theBodyIsCutTo4096Characters() {
        String longest = "b".repeat(Attempt.MAX_BODY_CHARS);
        assertEquals(longest, Attempt.answered(AT, TOOK, Map.of(), 500, Map.of(), longest, null).responseBody());
        assertEquals(longest, Attempt.answered(AT, TOOK, Map.of(), 500, Map.of(), longest + "tail", null).responseBody());
        assertEquals("", Attempt.answered(AT, TOOK, Map.of(), 204, Map.of(), null, null).responseBody());
    }

    @Test
    void anAttemptHasAResponseOrAnErrorNeverBoth() {
        assertThrows(IllegalArgumentException.class,
                () -> new Attempt(AT, TOOK, Map.of(), 200, Map.of(), "", AttemptError.TIMEOUT, "x", null));
        assertThrows(NullPointerException.class, () -> Attempt.failed(AT, TOOK, null, "no error given"));
        assertThrows(NullPointerException.class, () -> Attempt.answered(null, TOOK, Map.of(), 200, Map.of(), "", null));
        assertThrows(NullPointerException.class, () -> Attempt.answered(AT, null, Map.of(), 200, Map.of(), "", null));
    }

    // a transport without responses (a queue, a broker) reports only whether the receiver took the message
    @Test
    void aTransportWithoutResponsesReportsDeliveredOrAnError() {
        Attempt delivered = Attempt.delivered(AT, TOOK);
        assertTrue(delivered.succeeded());
        assertNull(delivered.responseStatus());
        assertNull(delivered.error());
        assertEquals(Map.of(), delivered.requestHeaders());
        Attempt rejected = Attempt.failed(AT, TOOK, AttemptError.REJECTED, "topic is read-only");
        assertFalse(rejected.succeeded());
        assertEquals("rejected", rejected.error().label());
        assertEquals(Map.of(), rejected.requestHeaders());
    }

    @Test
    void headersAreCopiedAndNullMeansNone() {
        Map<String, String> sent = new HashMap<>(Map.of("webhook-id", "evt_x"));
        Attempt attempt = Attempt.answered(AT, TOOK, sent, 429, null, "", Duration.ofSeconds(30));
        sent.put("late", "change");
        assertEquals(Map.of("webhook-id", "evt_x"), attempt.requestHeaders());
        assertEquals(Map.of(), attempt.responseHeaders());
        assertEquals(Duration.ofSeconds(30), attempt.retryAfter());
        assertEquals(Map.of(), Attempt.failed(AT, TOOK, null, AttemptError.TIMEOUT, null).requestHeaders());
    }
}
