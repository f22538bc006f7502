package io.basehook.adapter.persistence;

import io.basehook.application.port.out.RetentionStore;
import io.basehook.domain.delivery.DeliveryStatus;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.DefaultTransactionDefinition;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;

/**
 * Retention of the change feed and the delivery log, oldest rows first, in batches that each commit on their
 * own: a writer waits for one batch at most, never for the whole purge.
 */
@Singleton
public final class JdbcRetention implements RetentionStore {

    /**
     * Its own transaction per batch, whatever the caller runs in; read committed takes no gap locks and keeps
     * locks only on the rows it deletes, not on the open ones it walks past.
     */
    private static final TransactionDefinition BATCH = batch();

    private final TransactionOperations<Connection> transactions;
    private final JdbcConnections jdbc;

    JdbcRetention(TransactionOperations<Connection> transactions, JdbcConnections jdbc) {
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    /**
     * Deletes the events that occurred before {@code olderThan} and have no open delivery; their closed
     * deliveries and those deliveries' attempts go with them (FK cascade).
     *
     * @return how many events were deleted
     */
    @Override
    public int purgeEvents(Instant olderThan, int batchSize) {
        return inBatches(batchSize, connection -> {
            // an open delivery still needs its event's payload
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM bh_event WHERE occurred_at < ? "
                    + "AND NOT EXISTS (SELECT 1 FROM bh_delivery WHERE bh_delivery.base_id = bh_event.base_id "
                    + "AND bh_delivery.seq = bh_event.seq AND bh_delivery.status IN (?, ?)) "
                    + "ORDER BY occurred_at, base_id, seq LIMIT ?")) {
                delete.setLong(1, olderThan.toEpochMilli());
                delete.setString(2, DeliveryStatus.PENDING.wireName());
                delete.setString(3, DeliveryStatus.RETRYING.wireName());
                delete.setInt(4, batchSize);
                return delete.executeUpdate();
            }
        });
    }

    /**
     * Deletes the closed (succeeded or failed) deliveries created before {@code olderThan}, with their attempts
     * (FK cascade). Open ones stay, however old.
     *
     * @return how many deliveries were deleted
     */
    @Override
    public int purgeDeliveryLogs(Instant olderThan, int batchSize) {
        return inBatches(batchSize, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM bh_delivery WHERE created_at < ? "
                    + "AND status IN (?, ?) ORDER BY created_at, id LIMIT ?")) {
                delete.setLong(1, olderThan.toEpochMilli());
                delete.setString(2, DeliveryStatus.SUCCEEDED.wireName());
                delete.setString(3, DeliveryStatus.FAILED.wireName());
                delete.setInt(4, batchSize);
                return delete.executeUpdate();
            }
        });
    }

    /** Runs the batch until one comes back short; the count is of the table deleted from, not of its cascade. */
    private int inBatches(int batchSize, JdbcConnections.Work<Integer> batch) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        int total = 0;
        int deleted;
        do {
            deleted = transactions.execute(BATCH, status -> jdbc.run(batch));
            total += deleted;
        } while (deleted == batchSize);
        return total;
    }

    private static TransactionDefinition batch() {
        DefaultTransactionDefinition definition =
                new DefaultTransactionDefinition(TransactionDefinition.Propagation.REQUIRES_NEW);
        definition.setIsolationLevel(TransactionDefinition.Isolation.READ_COMMITTED);
        return definition;
    }
}
