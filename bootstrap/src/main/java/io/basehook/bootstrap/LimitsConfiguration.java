package io.basehook.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code basehook.limits.*} that the use cases enforce, read once and checked at start. The limits the REST adapter
 * enforces before a use case runs ({@code request-bytes-in-flight}, and {@code page-bytes}, which both use) are read
 * there ({@code RequestLimitsConfiguration}).
 *
 * @param writeBytesInFlight cell values that inserts and updates may have in progress at once
 * @param writeWait          how long a write waits for room in that budget before it is refused
 */
@Context
@ConfigurationProperties("basehook.limits")
public record LimitsConfiguration(int rowsPerBatch, int columnsPerTable, int webhooksPerBase, int pageSize,
                                  long writeBytesInFlight, Duration writeWait) {

    private static final String PREFIX = "basehook.limits.";

    public LimitsConfiguration {
        Settings.positive(PREFIX + "rows-per-batch", rowsPerBatch);
        Settings.positive(PREFIX + "columns-per-table", columnsPerTable);
        Settings.positive(PREFIX + "webhooks-per-base", webhooksPerBase);
        Settings.positive(PREFIX + "page-size", pageSize);
        Settings.positive(PREFIX + "write-bytes-in-flight", writeBytesInFlight);
        Settings.notNegative(PREFIX + "write-wait", writeWait);
    }

    /** Binds the keys as text, so a value that is not a number, a size or a duration stops the start. */
    @Creator
    LimitsConfiguration(@Bindable(defaultValue = "1000") String rowsPerBatch,
                        @Bindable(defaultValue = "500") String columnsPerTable,
                        @Bindable(defaultValue = "20") String webhooksPerBase,
                        @Bindable(defaultValue = "1000") String pageSize,
                        @Bindable(defaultValue = "8MB") String writeBytesInFlight,
                        @Bindable(defaultValue = "2s") String writeWait) {
        this(Settings.number(PREFIX + "rows-per-batch", rowsPerBatch),
                Settings.number(PREFIX + "columns-per-table", columnsPerTable),
                Settings.number(PREFIX + "webhooks-per-base", webhooksPerBase),
                Settings.number(PREFIX + "page-size", pageSize),
                Settings.bytes(PREFIX + "write-bytes-in-flight", writeBytesInFlight),
                Settings.duration(PREFIX + "write-wait", writeWait));
    }
}
