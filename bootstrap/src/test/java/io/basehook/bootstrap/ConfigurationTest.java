package io.basehook.bootstrap;

import io.basehook.adapter.rest.RequestLimitsConfiguration;
import io.basehook.adapter.webhook.HttpTransportConfiguration;
import io.basehook.adapter.webhook.WebhookAddressConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every setting is read once, into a record that checks it when the application starts: a bad value stops the start
 * with one message that names the key and says what is wrong, not a stack trace from deep inside a factory.
 */
class ConfigurationTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    private static void refused(String key, org.junit.jupiter.api.function.Executable creation) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, creation);
        assertTrue(e.getMessage().startsWith(key + " = "), e.getMessage());
    }

    @Test
    void eachRecordNamesTheKeyItRefuses() {
        refused("basehook.delivery.claim-batch", () -> new DeliveryConfiguration(true, null, "5s", SECOND, 0, 512, 16,
                256, 0, 1, SECOND, SECOND, Duration.ofMinutes(1)));
        refused("basehook.delivery.retry-schedule", () -> new DeliveryConfiguration(true, null, "abc", SECOND, 1, 512,
                16, 256, 0, 1, SECOND, SECOND, Duration.ofMinutes(1)));
        refused("basehook.delivery.max-held-bytes", () -> new DeliveryConfiguration(true, null, "5s", SECOND, 1, 512,
                16, 256, 0, -1, SECOND, SECOND, Duration.ofMinutes(1)));
        refused("basehook.limits.page-size", () -> new LimitsConfiguration(1000, 500, 20, 0, 1, SECOND));
        refused("basehook.limits.page-bytes", () -> new RequestLimitsConfiguration(1, -5));
        refused("basehook.retention.events", () -> new RetentionConfiguration(Duration.ZERO, SECOND));
        refused("basehook.delivery.timeout", () -> new HttpTransportConfiguration(Duration.ZERO, SECOND, 1));
        refused("basehook.webhooks.allowed-networks", () -> new WebhookAddressConfiguration(false, "10.0.0.0/99"));
    }

    @Test
    void aLeaseMustOutliveTheAttemptAndTheStallBoundMustExceedIt() {
        DeliveryConfiguration leaseTooShort = WebhookFactoryTest.delivery(true, Duration.ofSeconds(10));
        refused("basehook.delivery.lease", () -> leaseTooShort.leaseFor(Duration.ofSeconds(15)));
        DeliveryConfiguration defaults = WebhookFactoryTest.delivery(true, null);
        refused("basehook.delivery.stalled-after", () -> defaults.stalledAfter(Duration.ofSeconds(60)));
        assertEquals(Duration.ofSeconds(60), defaults.stalledAfter(Duration.ofSeconds(15)));
    }

    // the whole way: the value comes from the environment, and the instance stops before it serves anything
    @ParameterizedTest
    @CsvSource({
            "BASEHOOK_DELIVERY_CLAIM_BATCH, 0, basehook.delivery.claim-batch",
            "BASEHOOK_DELIVERY_RETRY_SCHEDULE, abc, basehook.delivery.retry-schedule",
            "BASEHOOK_DELIVERY_LEASE, 5s, basehook.delivery.lease",
            "BASEHOOK_LIMITS_PAGE_BYTES, -1MB, basehook.limits.page-bytes"})
    void anInstanceWithABadValueDoesNotStartAndSaysWhichKey(String variable, String value, String key)
            throws Exception {
        try (ChildBasehook child = ChildBasehook.launch(SeparateDatabase.fresh("config"),
                Map.of(variable, value))) {
            int code = child.awaitExit(Duration.ofSeconds(90));
            assertNotEquals(0, code, child.log());
            assertTrue(child.log().contains(key + " = "), child.log());
        }
    }
}
