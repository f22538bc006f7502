package io.basehook.application.delivery;

import io.basehook.application.port.out.ClaimedDelivery;
import io.basehook.domain.webhook.Webhook;

import java.time.Instant;

/**
 * A delivery this instance holds, the webhook as it was read for it, and its lease; handed off by a write, or
 * claimed.
 */
record HeldDelivery(ClaimedDelivery delivery, Webhook webhook, Instant leaseUntil, boolean handedOff) {

    /** What its payload weighs: its characters, one byte each for the JSON's ASCII. */
    long bytes() {
        return delivery.payload().length();
    }
}
