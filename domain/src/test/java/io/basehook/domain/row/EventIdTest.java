package io.basehook.domain.row;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventIdTest {

    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    @Test
    void isEvtAndA26CharUlidInCrockfordBase32() {
        String value = EventId.at(Instant.parse("2026-11-27T14:30:00.589Z")).value();
        assertTrue(value.matches("evt_[0-9A-HJKMNP-TV-Z]{26}"), value);
    }

    @Test
    void theUlidStartsWithTheEventTimeInMilliseconds() {
        Instant time = Instant.parse("2026-11-27T14:30:00.589Z");
        assertEquals(time.toEpochMilli(), decodeTime(EventId.at(time).value()));
    }

    @Test
    void twoEventsInTheSameMillisecondStillGetDifferentIds() {
        Instant time = Instant.parse("2026-11-27T14:30:00.589Z");
        assertNotEquals(EventId.at(time), EventId.at(time));
    }

    // receivers may sort webhook-ids; a later event must never sort before an earlier one
    @Test
    void idsOfIncreasingTimesSortInTimeOrder() {
        Random random = new Random(20261127L);
        long millis = 0;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            // steps from 1 ms to ~ a year, across the whole 48-bit range over the loop
            millis += 1 + (long) (random.nextDouble() * (i % 10 == 0 ? 31_536_000_000L : 1_000));
            ids.add(EventId.at(Instant.ofEpochMilli(millis)).value());
        }
        ids.add(EventId.at(Instant.ofEpochMilli((1L << 48) - 1)).value());
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        assertEquals(ids, sorted);
    }

    @Test
    void keepsAStoredId() {
        assertEquals("evt_01JD2Q9Y7W0M8N4T6V5R3P1K2H", new EventId("evt_01JD2Q9Y7W0M8N4T6V5R3P1K2H").toString());
    }

    // an event id is never user input, so a malformed one is a programming error, not a 4xx
    @ParameterizedTest
    @ValueSource(strings = {"", "evt_", "01JD2Q9Y7W0M8N4T6V5R3P1K2H", "evt_01JD2Q9Y7W0M8N4T6V5R3P1K2", "evt_01JD2Q9Y7W0M8N4T6V5R3P1K2HX",
            "evt_01jd2q9y7w0m8n4t6v5r3p1k2h", "evt_01JD2Q9Y7W0M8N4T6V5R3P1K2I", "evt_01JD2Q9Y7W0M8N4T6V5R3P1K2U",
            "evt_81JD2Q9Y7W0M8N4T6V5R3P1K2H"})
    void malformedIdsAreRejected(String value) {
        assertThrows(IllegalArgumentException.class, () -> new EventId(value));
    }

    @Test
    void nullIsRejected() {
        assertThrows(NullPointerException.class, () -> new EventId(null));
    }

    static long decodeTime(String eventId) {
        long time = 0;
        for (char c : eventId.substring(4, 14).toCharArray()) {
            time = time * 32 + CROCKFORD.indexOf(c);
        }
        return time;
    }
}
