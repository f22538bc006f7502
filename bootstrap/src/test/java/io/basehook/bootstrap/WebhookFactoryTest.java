package io.basehook.bootstrap;

import io.basehook.adapter.webhook.HttpTransportConfiguration;
import io.basehook.application.delivery.DeliverySettings;
import io.basehook.domain.delivery.RetrySchedule;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The delivery settings as configuration gives them. */
class WebhookFactoryTest {

    private static final HttpTransportConfiguration TRANSPORT =
            new HttpTransportConfiguration(Duration.ofSeconds(15), Duration.ofSeconds(5), 256);

    /** The defaults of basehook.delivery.*, as application.yml and the records give them. */
    static DeliveryConfiguration delivery(boolean enabled, Duration lease) {
        return new DeliveryConfiguration(enabled, lease, "5s,5m,30m,2h,5h,10h,10h", Duration.ofDays(5), 200, 512, 16,
                256, 16384, 32L << 20, Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofSeconds(60));
    }

    private static DeliverySettings settings(boolean sends) {
        return new WebhookFactory().deliverySettings(delivery(sends, null), TRANSPORT);
    }

    @Test
    void anInstanceThatSendsTakesItsWritesDeliveriesForItself() {
        assertEquals(16384, settings(true).maxHandedOff());
    }

    // without a delivery loop nothing would record what it sent: another instance would send it again
    @Test
    void anInstanceThatLeavesSendingToOthersHandsNothingOff() {
        assertEquals(0, settings(false).maxHandedOff());
    }

    @Test
    void theDefaultsGiveTheEngineTheSettingsItAlwaysHad() {
        assertEquals(new DeliverySettings(200, 512, 16, 256, Duration.ofSeconds(15), Duration.ofSeconds(60),
                RetrySchedule.parse("5s,5m,30m,2h,5h,10h,10h"), Duration.ofDays(5), 16384, 32L << 20), settings(true));
    }

    @Test
    void aLeaseGivenIsTaken() {
        assertEquals(Duration.ofSeconds(90),
                new WebhookFactory().deliverySettings(delivery(true, Duration.ofSeconds(90)), TRANSPORT).lease());
    }
}
