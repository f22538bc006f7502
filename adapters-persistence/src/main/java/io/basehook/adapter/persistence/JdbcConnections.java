package io.basehook.adapter.persistence;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Plain JDBC on the connection of the current transaction (or a fresh one outside any), the way the
 * generated repositories get theirs, so hand-written batches commit with everything else.
 */
@Singleton
final class JdbcConnections {

    /** Work on a connection; its {@link SQLException}s become Micronaut Data's {@link DataAccessException}. */
    @FunctionalInterface
    interface Work<R> {
        R apply(Connection connection) throws SQLException;
    }

    private final ConnectionOperations<Connection> connections;
    private final DataSource pool;

    JdbcConnections(ConnectionOperations<Connection> connections, DataSource dataSource) {
        this.connections = connections;
        // the bean is the transaction-aware proxy; eviction is the pool's
        this.pool = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    <R> R run(Work<R> work) {
        return connections.execute(ConnectionDefinition.DEFAULT, status -> {
            try {
                return work.apply(status.getConnection());
            } catch (SQLException e) {
                throw new DataAccessException("SQL failed: " + e.getMessage(), e);
            } catch (Error e) {
                // an Error (OutOfMemoryError) may have left the driver mid-packet: the connection must not be reused
                evict(status.getConnection());
                throw e;
            }
        });
    }

    private void evict(Connection connection) {
        try {
            if (pool.isWrapperFor(HikariDataSource.class)) {
                pool.unwrap(HikariDataSource.class).evictConnection(connection);
            } else {
                connection.abort(Runnable::run);
            }
        } catch (SQLException | RuntimeException e) {
            // the Error in flight says more than why its connection could not be dropped
        }
    }
}
