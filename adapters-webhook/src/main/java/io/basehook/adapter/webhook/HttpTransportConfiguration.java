package io.basehook.adapter.webhook;

import io.basehook.domain.delivery.RetrySchedule;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.ConversionService;

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
public record HttpTransportConfiguration(Duration timeout, Duration connectTimeout, int maxConnectionsPerHost) {

    public HttpTransportConfiguration {
        positive("basehook.delivery.timeout", timeout);
        positive("basehook.delivery.connect-timeout", connectTimeout);
        if (maxConnectionsPerHost < 1) {
            throw new IllegalArgumentException("basehook.delivery.max-connections-per-host = " + maxConnectionsPerHost
                    + ": must be at least 1");
        }
    }

    /** Binds the keys as text, so a value that is not a number or a duration stops the start. */
    @Creator
    HttpTransportConfiguration(@Bindable(defaultValue = "15s") String timeout,
                               @Bindable(defaultValue = "5s") String connectTimeout,
                               @Bindable(defaultValue = "256") String maxConnectionsPerHost) {
        this(duration("basehook.delivery.timeout", timeout),
                duration("basehook.delivery.connect-timeout", connectTimeout),
                number("basehook.delivery.max-connections-per-host", maxConnectionsPerHost));
    }

    /**
     * {@code 500ms}, {@code 15s}, {@code 5m}, {@code 2h} or {@code 5d} in either case, or a form Micronaut reads, such
     * as {@code PT15S}: what either way of reading a duration took before.
     */
    private static Duration duration(String key, String text) {
        try {
            return RetrySchedule.parseDuration(text);
        } catch (IllegalArgumentException notShort) {
            return ConversionService.SHARED.convert(text.strip(), Duration.class).orElseThrow(() ->
                    new IllegalArgumentException(key + " = " + text + ": is not a duration, like 500ms, 15s or 2m"));
        }
    }

    private static int number(String key, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " = " + text + ": is not a whole number");
        }
    }

    private static void positive(String key, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(key + " = " + value + ": must be a positive duration, like 15s");
        }
    }
}
