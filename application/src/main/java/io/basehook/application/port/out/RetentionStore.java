package io.basehook.application.port.out;

import java.time.Instant;

/** Removes what is older than its retention, in small batches so writes are never held up for long. */
public interface RetentionStore {

    /** Events older than {@code olderThan} that no open delivery still needs. @return how many went */
    int purgeEvents(Instant olderThan, int batchSize);

    /** Closed deliveries created before {@code olderThan}, with their attempts. @return how many went */
    int purgeDeliveryLogs(Instant olderThan, int batchSize);
}
