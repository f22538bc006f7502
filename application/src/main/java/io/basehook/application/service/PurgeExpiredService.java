package io.basehook.application.service;

import io.basehook.application.port.in.PurgeExpiredUseCase;
import io.basehook.application.port.out.RetentionStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Retention: delivery logs go first, then events. An event is kept for as long as the longer of the two
 * retentions: a delivery in the log shows its event's type and is redelivered with its payload, and deleting an
 * event takes its deliveries with it, so events kept shorter than the log would cut the log short. An event still
 * needed by an open delivery stays whatever its age.
 */
public final class PurgeExpiredService implements PurgeExpiredUseCase {

    private static final int BATCH = 1000;

    private final RetentionStore store;
    private final Duration eventRetention;
    private final Duration deliveryLogRetention;
    private final Clock clock;

    public PurgeExpiredService(RetentionStore store, Duration eventRetention, Duration deliveryLogRetention, Clock clock) {
        this.store = store;
        this.eventRetention = eventRetention;
        this.deliveryLogRetention = deliveryLogRetention;
        this.clock = clock;
    }

    @Override
    public int purgeExpired() {
        Instant now = clock.instant();
        int logs = store.purgeDeliveryLogs(now.minus(deliveryLogRetention), BATCH);
        Duration events = eventRetention.compareTo(deliveryLogRetention) >= 0 ? eventRetention : deliveryLogRetention;
        return logs + store.purgeEvents(now.minus(events), BATCH);
    }
}
