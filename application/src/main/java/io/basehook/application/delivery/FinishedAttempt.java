package io.basehook.application.delivery;

import io.basehook.application.port.out.ClaimedDelivery;
import io.basehook.domain.delivery.Attempt;

/** A held delivery whose attempt has ended, answered or failed, and waits for a turn to record it. */
record FinishedAttempt(HeldDelivery held, Attempt attempt) {

    ClaimedDelivery delivery() {
        return held.delivery();
    }
}
