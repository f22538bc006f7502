package io.basehook.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code basehook.retention.*}: how long the change feed and the delivery log keep things, read once and checked at
 * start. How often retention runs ({@code interval}) is read by its schedule ({@code RetentionJob}).
 */
@Context
@ConfigurationProperties("basehook.retention")
public record RetentionConfiguration(Duration events, Duration deliveryLogs) {

    public RetentionConfiguration {
        Settings.positive("basehook.retention.events", events);
        Settings.positive("basehook.retention.delivery-logs", deliveryLogs);
    }

    /** Binds the keys as text, so a value that is not a duration stops the start. */
    @Creator
    RetentionConfiguration(@Bindable(defaultValue = "7d") String events,
                           @Bindable(defaultValue = "30d") String deliveryLogs) {
        this(Settings.duration("basehook.retention.events", events),
                Settings.duration("basehook.retention.delivery-logs", deliveryLogs));
    }
}
