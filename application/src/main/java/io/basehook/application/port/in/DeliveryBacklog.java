package io.basehook.application.port.in;

import java.time.Instant;

/**
 * Open deliveries, the creation time of the oldest, and the earliest due time among them: one in the past has
 * waited that long for a claim (both null when there is none).
 */
public record DeliveryBacklog(long open, Instant oldestCreatedAt, Instant earliestDueAt) {
}
