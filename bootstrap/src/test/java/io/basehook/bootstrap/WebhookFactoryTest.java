package io.basehook.bootstrap;

import io.basehook.application.delivery.DeliverySettings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The delivery settings as configuration gives them. */
class WebhookFactoryTest {

    private static DeliverySettings settings(boolean sends) {
        return new WebhookFactory().deliverySettings(200, 512, 16, 256, "15s", "", "5s,5m", "5d", 16384, 32L << 20, sends);
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
}
