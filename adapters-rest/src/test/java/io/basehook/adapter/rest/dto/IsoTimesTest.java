package io.basehook.adapter.rest.dto;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class IsoTimesTest {

    @Test
    void alwaysWritesMillisecondsInUtc() {
        assertEquals("2026-11-27T14:30:00.000Z", IsoTimes.format(Instant.parse("2026-11-27T14:30:00Z")));
        assertEquals("2026-11-27T14:30:00.120Z", IsoTimes.format(Instant.parse("2026-11-27T15:30:00.12+01:00")));
    }

    @Test
    void dropsWhatIsFinerThanAMillisecond() {
        assertEquals("2026-11-27T14:30:00.123Z", IsoTimes.format(Instant.parse("2026-11-27T14:30:00.123987654Z")));
    }

    @Test
    void aTimeThatIsNotThereStaysNull() {
        assertNull(IsoTimes.formatOrNull(null));
        assertEquals("2026-11-27T14:30:00.000Z", IsoTimes.formatOrNull(Instant.parse("2026-11-27T14:30:00Z")));
    }
}
