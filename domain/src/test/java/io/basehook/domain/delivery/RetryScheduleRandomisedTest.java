package io.basehook.domain.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Random schedules and Retry-After values against the schedule's bounds. Seeded, so a failure replays. */
class RetryScheduleRandomisedTest {

    private static final long SEED = 0x5C4EDL;
    private static final int ITERATIONS = 2_000;
    private static final Instant START = Instant.parse("2026-11-27T14:30:00Z");

    private final Random random = new Random(SEED);

    @Test
    void aRetryIsNeverSoonerThanItsStepNorLaterThanTheLongestStep() {
        int honoured = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            RetrySchedule schedule = randomSchedule();
            Duration longest = Collections.max(schedule.delays());
            int attempts = 1 + random.nextInt(schedule.delays().size());
            Duration step = schedule.delays().get(attempts - 1);
            Duration retryAfter = random.nextBoolean() ? null : Duration.ofSeconds(random.nextInt(100_000));

            Duration delay = Duration.between(START, schedule.nextAttempt(attempts, START, retryAfter).orElseThrow());

            assertTrue(delay.compareTo(step) >= 0, "iteration " + i);
            assertTrue(delay.compareTo(longest) <= 0, "iteration " + i);
            if (retryAfter != null && retryAfter.compareTo(step) >= 0 && retryAfter.compareTo(longest) <= 0) {
                assertEquals(retryAfter, delay, "iteration " + i);
                honoured++;
            }
            if (retryAfter == null) {
                assertEquals(step, delay, "iteration " + i);
            }
        }
        assertTrue(honoured > 50, "Retry-After honoured only " + honoured + " times");
    }

    // failing every time walks the whole schedule: maxAttempts attempts, each retry after the one before
    @Test
    void failingEveryTimeEndsAfterMaxAttemptsWithStrictlyIncreasingTimes() {
        for (int i = 0; i < ITERATIONS / 10; i++) {
            RetrySchedule schedule = randomSchedule();
            Instant end = START;
            int attempts = 0;
            while (true) {
                attempts++;
                Duration retryAfter = random.nextInt(3) == 0 ? Duration.ofMinutes(random.nextInt(2_000)) : null;
                Optional<Instant> next = schedule.nextAttempt(attempts, end, retryAfter);
                if (next.isEmpty()) {
                    break;
                }
                assertTrue(next.get().isAfter(end), "iteration " + i);
                end = next.get().plusMillis(random.nextInt(15_000));
            }
            assertEquals(schedule.maxAttempts(), attempts, "iteration " + i);
        }
    }

    /** 1 to 10 positive steps, unsorted, so the longest is not always the last. */
    private RetrySchedule randomSchedule() {
        int size = 1 + random.nextInt(10);
        List<Duration> steps = new ArrayList<>();
        for (int s = 0; s < size; s++) {
            steps.add(Duration.ofSeconds(1 + random.nextInt(40_000)));
        }
        return new RetrySchedule(steps);
    }
}
