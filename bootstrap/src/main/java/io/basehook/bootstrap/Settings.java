package io.basehook.bootstrap;

import io.basehook.domain.delivery.RetrySchedule;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.core.convert.format.ReadableBytesTypeConverter;

import java.time.Duration;

/**
 * What the configuration records read and check at start, each failing with the key and what is wrong with it. The
 * records bind their keys as text and read it here: bound as a number, a size or a duration, a value Micronaut cannot
 * convert would silently give way to the default.
 */
final class Settings {

    private static final ReadableBytesTypeConverter BYTES = new ReadableBytesTypeConverter();

    private Settings() {
    }

    /** A whole number, such as {@code 200}. */
    static int number(String key, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw invalid(key, text, "is not a whole number");
        }
    }

    /** The {@code @ReadableBytes} forms: a number of bytes, or one with KB, MB or GB, such as {@code 32MB}. */
    static long bytes(String key, String text) {
        return BYTES.convert(text, Number.class, ConversionContext.DEFAULT).map(Number::longValue)
                .orElseThrow(() -> invalid(key, text, "is not a size, like 2MB, 512KB, 1GB or a number of bytes"));
    }

    /**
     * {@code 500ms}, {@code 15s}, {@code 5m}, {@code 2h} or {@code 5d} in either case
     * ({@link RetrySchedule#parseDuration}), or a form Micronaut reads, such as {@code PT15S}: what either way of
     * reading a duration took before.
     */
    static Duration duration(String key, String text) {
        try {
            return RetrySchedule.parseDuration(text);
        } catch (IllegalArgumentException notShort) {
            return ConversionService.SHARED.convert(text.strip(), Duration.class)
                    .orElseThrow(() -> invalid(key, text, "is not a duration, like 500ms, 15s, 5m, 2h or 5d"));
        }
    }

    static void positive(String key, long value) {
        if (value < 1) {
            throw invalid(key, value, "must be at least 1");
        }
    }

    static void notNegative(String key, long value) {
        if (value < 0) {
            throw invalid(key, value, "must not be negative");
        }
    }

    static void positive(String key, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw invalid(key, value, "must be a positive duration, like 500ms, 15s, 5m, 2h or 5d");
        }
    }

    static void notNegative(String key, Duration value) {
        if (value == null || value.isNegative()) {
            throw invalid(key, value, "must not be negative");
        }
    }

    static IllegalArgumentException invalid(String key, Object value, String problem) {
        return new IllegalArgumentException(key + " = " + value + ": " + problem);
    }
}
