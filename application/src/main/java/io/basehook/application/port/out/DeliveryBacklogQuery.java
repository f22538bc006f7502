package io.basehook.application.port.out;

import java.time.Instant;

/** What waits to be sent, for the health check and the metrics. */
public interface DeliveryBacklogQuery {

    /**
     * How many deliveries wait to be sent (pending or retrying, not parked), when the oldest of them was created, and
     * the earliest time one of them is due at (a claimed one is due when its lease runs out).
     */
    Backlog backlog();

    /**
     * Open deliveries, the creation time of the oldest, and the earliest due time among them: one in the past has
     * waited that long for a claim (both null when there is none).
     */
    record Backlog(long open, Instant oldestCreatedAt, Instant earliestDueAt) {
    }
}
