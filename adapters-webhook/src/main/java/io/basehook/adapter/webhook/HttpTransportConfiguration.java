package io.basehook.adapter.webhook;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The HTTP transport's part of {@code basehook.delivery.*}, read once and checked at start. The engine takes the
 * attempt timeout from here too: its leases and its health check are measured against it.
 *
 * @param timeout               how long one attempt may take in all, connecting included; a 2xx within it succeeds
 * @param connectTimeout        how long connecting may take
 * @param maxConnectionsPerHost keep-alive connections to one host at most
 */
@Context
@ConfigurationProperties("basehook.delivery")
public record HttpTransportConfiguration(
        @Bindable(defaultValue = "15s") Duration timeout,
        @Bindable(defaultValue = "5s") Duration connectTimeout,
        @Bindable(defaultValue = "256") int maxConnectionsPerHost) {

    public HttpTransportConfiguration {
        positive("basehook.delivery.timeout", timeout);
        positive("basehook.delivery.connect-timeout", connectTimeout);
        if (maxConnectionsPerHost < 1) {
            throw new IllegalArgumentException("basehook.delivery.max-connections-per-host = " + maxConnectionsPerHost
                    + ": must be at least 1");
        }
    }

    private static void positive(String key, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(key + " = " + value + ": must be a positive duration, like 15s");
        }
    }
}
