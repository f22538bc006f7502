package io.basehook.bootstrap;

import io.basehook.adapter.rest.RequestLimitsConfiguration;
import io.basehook.adapter.webhook.HttpTransportConfiguration;
import io.basehook.application.delivery.DeliverySettings;
import io.basehook.application.service.Limits;
import io.basehook.domain.delivery.RetrySchedule;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The keys as Micronaut binds them: a value that is no number, size or duration stops the start naming its key
 * instead of giving way to the default, and the forms the keys took before keep their meaning.
 */
class ConfigurationBindingTest {

    private static final DeliverySettings DEFAULT_SETTINGS = new DeliverySettings(200, 512, 16, 256,
            Duration.ofSeconds(15), Duration.ofSeconds(60), RetrySchedule.parse("5s,5m,30m,2h,5h,10h,10h"),
            Duration.ofDays(5), 16384, 32L << 20);
    private static final Limits DEFAULT_LIMITS = new Limits(1000, 500, 20, 1000, 2L << 20);

    @ParameterizedTest
    @CsvSource({
            "basehook.delivery.claim-batch, abc",
            "basehook.delivery.claim-batch, 0",
            "basehook.delivery.max-in-flight, 1.5",
            "basehook.delivery.max-held-bytes, lots",
            "basehook.delivery.max-held-bytes, -1MB",
            "basehook.delivery.lease, abc",
            "basehook.delivery.lease, 10s",
            "basehook.delivery.retry-schedule, abc",
            "basehook.delivery.disable-after, 5 days",
            "basehook.delivery.poll-interval, soon",
            "basehook.delivery.timeout, abc",
            "basehook.delivery.connect-timeout, 5",
            "basehook.delivery.max-connections-per-host, many",
            "basehook.limits.page-size, ten",
            "basehook.limits.page-bytes, 2 MB",
            "basehook.limits.request-bytes-in-flight, -5",
            "basehook.limits.write-wait, later",
            "basehook.retention.events, a week"})
    void aBadValueStopsTheStartNamingTheKey(String key, String value) {
        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> ConfigurationOnly.start(Map.of(key, value)).close());

        assertTrue(failure.getMessage().contains(key + " = "), failure.getMessage());
    }

    @Test
    void theFormsTakenBeforeKeepTheirMeaning() {
        try (ApplicationContext context = ConfigurationOnly.start(Map.of(
                "basehook.delivery.disable-after", "7D",
                "basehook.delivery.timeout", "20S",
                "basehook.delivery.poll-interval", "PT1S",
                "basehook.delivery.max-held-bytes", "64mb",
                "basehook.limits.page-bytes", "1048576",
                "basehook.limits.write-wait", "3S",
                "basehook.retention.events", "14D"))) {
            DeliveryConfiguration delivery = context.getBean(DeliveryConfiguration.class);
            assertEquals(Duration.ofDays(7), delivery.disableAfter());
            assertEquals(Duration.ofSeconds(1), delivery.pollInterval());
            assertEquals(64L << 20, delivery.maxHeldBytes());
            assertEquals(Duration.ofSeconds(20), context.getBean(HttpTransportConfiguration.class).timeout());
            assertEquals(1L << 20, context.getBean(RequestLimitsConfiguration.class).pageBytes());
            assertEquals(Duration.ofSeconds(3), context.getBean(LimitsConfiguration.class).writeWait());
            assertEquals(Duration.ofDays(14), context.getBean(RetentionConfiguration.class).events());
        }
    }

    @Test
    void aRetryScheduleMayBeAYamlList() {
        try (ApplicationContext context = ConfigurationOnly.start(Map.of(
                "basehook.delivery.retry-schedule", java.util.List.of("1s", "1m")))) {
            assertEquals(RetrySchedule.parse("1s,1m"), context.getBean(DeliverySettings.class).retrySchedule());
        }
    }

    @Test
    void theDefaultsOfApplicationYmlGiveTheSettingsTheyAlwaysGave() {
        try (ApplicationContext context = ConfigurationOnly.start(Map.of())) {
            assertEquals(DEFAULT_SETTINGS, context.getBean(DeliverySettings.class));
            assertEquals(DEFAULT_LIMITS, context.getBean(Limits.class));
        }
    }

    @Test
    void theRecordsDefaultsAreApplicationYmls() {
        try (ApplicationContext context = ConfigurationOnly.startWithoutApplicationYml()) {
            assertEquals(DEFAULT_SETTINGS, context.getBean(DeliverySettings.class));
            assertEquals(DEFAULT_LIMITS, context.getBean(Limits.class));
            assertEquals(new RetentionConfiguration(Duration.ofDays(7), Duration.ofDays(30)),
                    context.getBean(RetentionConfiguration.class));
        }
    }
}
