package io.basehook.adapter.rest;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.ReadableBytes;

/**
 * The part of {@code basehook.limits.*} the API enforces before a use case runs, read once and checked at start.
 * The use cases bound their pages by {@code page-bytes} too: bootstrap hands them this value.
 *
 * @param requestBytesInFlight heap that API requests may reserve at once, from their head
 * @param pageBytes            a page of rows, events or attempts ends past this much stored content
 */
@Context
@ConfigurationProperties("basehook.limits")
public record RequestLimitsConfiguration(
        @Bindable(defaultValue = "32MB") @ReadableBytes long requestBytesInFlight,
        @Bindable(defaultValue = "2MB") @ReadableBytes long pageBytes) {

    public RequestLimitsConfiguration {
        if (requestBytesInFlight < 1) {
            throw new IllegalArgumentException("basehook.limits.request-bytes-in-flight = " + requestBytesInFlight
                    + ": must be at least 1");
        }
        if (pageBytes < 1) {
            throw new IllegalArgumentException("basehook.limits.page-bytes = " + pageBytes + ": must be at least 1");
        }
    }
}
