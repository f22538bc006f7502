package io.basehook.adapter.rest;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.convert.format.ReadableBytesTypeConverter;

/**
 * The part of {@code basehook.limits.*} the API enforces before a use case runs, read once and checked at start.
 * The use cases bound their pages by {@code page-bytes} too: bootstrap hands them this value.
 *
 * @param requestBytesInFlight heap that API requests may reserve at once, from their head
 * @param pageBytes            a page of rows, events or attempts ends past this much stored content
 */
@Context
@ConfigurationProperties("basehook.limits")
public record RequestLimitsConfiguration(long requestBytesInFlight, long pageBytes) {

    private static final ReadableBytesTypeConverter BYTES = new ReadableBytesTypeConverter();

    public RequestLimitsConfiguration {
        if (requestBytesInFlight < 1) {
            throw new IllegalArgumentException("basehook.limits.request-bytes-in-flight = " + requestBytesInFlight
                    + ": must be at least 1");
        }
        if (pageBytes < 1) {
            throw new IllegalArgumentException("basehook.limits.page-bytes = " + pageBytes + ": must be at least 1");
        }
    }

    /** Binds the keys as text, so a value that is not a size stops the start. */
    @Creator
    RequestLimitsConfiguration(@Bindable(defaultValue = "32MB") String requestBytesInFlight,
                               @Bindable(defaultValue = "2MB") String pageBytes) {
        this(bytes("basehook.limits.request-bytes-in-flight", requestBytesInFlight),
                bytes("basehook.limits.page-bytes", pageBytes));
    }

    /** The {@code @ReadableBytes} forms: a number of bytes, or one with KB, MB or GB, such as {@code 32MB}. */
    private static long bytes(String key, String text) {
        return BYTES.convert(text, Number.class, ConversionContext.DEFAULT).map(Number::longValue).orElseThrow(() ->
                new IllegalArgumentException(key + " = " + text + ": is not a size, like 2MB, 512KB or 1GB"));
    }
}
