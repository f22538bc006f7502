package io.basehook.domain.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RetryScheduleTest {

    private static final Instant END = Instant.parse("2026-11-27T14:30:00Z");

    @Test
    void theDefaultScheduleIsSevenStepsSoEightAttempts() {
        RetrySchedule schedule = RetrySchedule.parse("5s,5m,30m,2h,5h,10h,10h");
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2),
                Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10)), schedule.delays());
        assertEquals(8, schedule.maxAttempts());
        assertEquals(schedule, RetrySchedule.DEFAULT);
    }

    // each step counts from the end of the attempt that failed, not from the first attempt
    @Test
    void afterAttemptNTheNextIsStepNAfterItsEnd() {
        List<Duration> steps = RetrySchedule.DEFAULT.delays();
        for (int attempts = 1; attempts <= steps.size(); attempts++) {
            assertEquals(Optional.of(END.plus(steps.get(attempts - 1))),
                    RetrySchedule.DEFAULT.nextAttempt(attempts, END, null), "after attempt " + attempts);
        }
    }

    @Test
    void afterTheLastAttemptThereIsNoNext() {
        assertEquals(Optional.empty(), RetrySchedule.DEFAULT.nextAttempt(8, END, null));
        assertEquals(Optional.empty(), RetrySchedule.DEFAULT.nextAttempt(9, END, Duration.ofSeconds(1)));
        assertEquals(Optional.empty(), RetrySchedule.DEFAULT.nextAttempt(0, END, null));
    }

    @Test
    void anEmptyScheduleMeansOneAttemptAndNoRetry() {
        RetrySchedule none = RetrySchedule.parse("");
        assertEquals(1, none.maxAttempts());
        assertEquals(Optional.empty(), none.nextAttempt(1, END, null));
        assertEquals(1, RetrySchedule.parse(" , ").maxAttempts());
    }

    @Test
    void parseIgnoresSpacesCaseAndEmptySteps() {
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5)), RetrySchedule.parse(" 5S , 5m ,,").delays());
    }

    // A Retry-After is honoured within the schedule's bounds
    @Test
    void aLongerRetryAfterIsHonoured() {
        assertEquals(Optional.of(END.plusSeconds(60)),
                RetrySchedule.DEFAULT.nextAttempt(1, END, Duration.ofSeconds(60)));
    }

    @Test
    void aRetryAfterNeverBringsTheNextAttemptSoonerThanTheStep() {
        assertEquals(Optional.of(END.plus(Duration.ofMinutes(30))),
                RetrySchedule.DEFAULT.nextAttempt(3, END, Duration.ofSeconds(1)));
        assertEquals(Optional.of(END.plusSeconds(5)), RetrySchedule.DEFAULT.nextAttempt(1, END, Duration.ZERO));
    }

    @Test
    void aRetryAfterNeverPutsTheNextAttemptLaterThanTheLongestStep() {
        assertEquals(Optional.of(END.plus(Duration.ofHours(10))),
                RetrySchedule.DEFAULT.nextAttempt(1, END, Duration.ofDays(3)));
        assertEquals(Optional.of(END.plus(Duration.ofHours(10))),
                RetrySchedule.DEFAULT.nextAttempt(2, END, Duration.ofHours(10)));
    }

    @Test
    void parseDurationKnowsMillisecondsSecondsMinutesHoursAndDays() {
        assertEquals(Duration.ofMillis(500), RetrySchedule.parseDuration("500ms"));
        assertEquals(Duration.ofSeconds(15), RetrySchedule.parseDuration("15s"));
        assertEquals(Duration.ofMinutes(5), RetrySchedule.parseDuration("5m"));
        assertEquals(Duration.ofHours(2), RetrySchedule.parseDuration("2h"));
        assertEquals(Duration.ofDays(5), RetrySchedule.parseDuration(" 5D "));
        assertEquals(Duration.ZERO, RetrySchedule.parseDuration("0s"));
    }

    // a mistyped setting must stop the start with a message naming it, not with an arithmetic error
    @Test
    void anythingElseIsNotADuration() {
        for (String bad : new String[] {"", " ", "5", "s", "ms", "5x", "1.5h", "5 s", "five s", "h5",
                "99999999999999999999s", "999999999999999d"}) {
            assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parseDuration(bad), "'" + bad + "'");
        }
    }

    @Test
    void aScheduleWithABadOrNegativeStepIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parse("5s,5x"));
        assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parse("5s,-5m"));
        assertThrows(IllegalArgumentException.class, () -> new RetrySchedule(List.of(Duration.ofSeconds(-1))));
    }

    @Test
    void theStepsCannotBeChangedFromOutside() {
        assertThrows(UnsupportedOperationException.class, () -> RetrySchedule.DEFAULT.delays().add(Duration.ZERO));
    }
}
