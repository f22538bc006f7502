package io.basehook.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code basehook.retention.*}: how long the change feed and the delivery log keep things, read once and checked at
 * start. How often retention runs ({@code interval}) is read by its schedule ({@code RetentionJob}).
 */
@Context
@ConfigurationProperties("basehook.retention")
public record RetentionConfiguration(
        @Bindable(defaultValue = "7d") Duration events,
        @Bindable(defaultValue = "30d") Duration deliveryLogs) {

    public RetentionConfiguration {
        Settings.positive("basehook.retention.events", events);
        Settings.positive("basehook.retention.delivery-logs", deliveryLogs);
    }
}
