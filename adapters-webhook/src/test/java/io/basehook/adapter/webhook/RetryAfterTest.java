package io.basehook.adapter.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RetryAfterTest {

    private final Instant now = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void readsSeconds() {
        assertEquals(Duration.ofSeconds(7), RetryAfter.parse("7", now));
        assertEquals(Duration.ofSeconds(120), RetryAfter.parse(" 120 ", now));
        assertEquals(Duration.ZERO, RetryAfter.parse("0", now));
    }

    @Test
    void readsAnHttpDateAsTheTimeUntilThen() {
        assertEquals(Duration.ofSeconds(90), RetryAfter.parse("Fri, 27 Nov 2026 12:01:30 GMT", now));
        assertEquals(Duration.ZERO, RetryAfter.parse("Fri, 27 Nov 2026 11:00:00 GMT", now), "a date in the past");
    }

    @Test
    void ignoresWhatItCannotRead() {
        assertNull(RetryAfter.parse(null, now));
        assertNull(RetryAfter.parse("", now));
        assertNull(RetryAfter.parse("soon", now));
        assertNull(RetryAfter.parse("-5", now));
        assertNull(RetryAfter.parse("1.5", now));
        assertNull(RetryAfter.parse("99999999999999999999999", now));
    }
}
