package io.basehook.domain.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * When a failed delivery is tried again: after each failed attempt, the next step of the schedule (by default
 * 5s, 5m, 30m, 2h, 5h, 10h, 10h, so 8 attempts in all). A {@code Retry-After} is honoured within the
 * schedule's bounds: never sooner than the step, never later than the longest step.
 */
public record RetrySchedule(List<Duration> delays) {

    public static final RetrySchedule DEFAULT = parse("5s,5m,30m,2h,5h,10h,10h");

    public RetrySchedule {
        delays = List.copyOf(delays);
        if (delays.stream().anyMatch(delay -> delay.isNegative())) {
            throw new IllegalArgumentException("retry delays are not negative");
        }
    }

    /** {@code 5s,5m,30m,2h,5h,10h,10h}: numbers with ms, s, m, h or d; empty means no retries. */
    public static RetrySchedule parse(String text) {
        List<Duration> delays = new ArrayList<>();
        for (String part : text.split(",")) {
            String step = part.strip().toLowerCase(Locale.ROOT);
            if (!step.isEmpty()) {
                delays.add(parseDuration(step));
            }
        }
        return new RetrySchedule(delays);
    }

    /** {@code 15s}, {@code 500ms}, {@code 5m}, {@code 2h}, {@code 5d}. */
    public static Duration parseDuration(String text) {
        String step = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (step.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(step.substring(0, step.length() - 2)));
            }
            long amount = Long.parseLong(step.substring(0, step.length() - 1));
            return switch (step.charAt(step.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new IllegalArgumentException("unknown unit in '" + text + "'");
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException | ArithmeticException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 5s, 5m, 2h, 5d)", e);
        }
    }

    public int maxAttempts() {
        return delays.size() + 1;
    }

    /**
     * When to try again after {@code attemptsMade} attempts, the last ending at {@code now}; empty when the
     * schedule is used up.
     */
    public Optional<Instant> nextAttempt(int attemptsMade, Instant now, Duration retryAfter) {
        if (attemptsMade < 1 || attemptsMade > delays.size()) {
            return Optional.empty();
        }
        Duration delay = delays.get(attemptsMade - 1);
        if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
            Duration longest = delays.stream().max(Duration::compareTo).orElse(delay);
            delay = retryAfter.compareTo(longest) > 0 ? longest : retryAfter;
        }
        return Optional.of(now.plus(delay));
    }
}
