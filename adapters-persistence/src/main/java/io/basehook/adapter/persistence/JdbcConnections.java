package io.basehook.adapter.persistence;

import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;

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

    JdbcConnections(ConnectionOperations<Connection> connections) {
        this.connections = connections;
    }

    <R> R run(Work<R> work) {
        return connections.execute(ConnectionDefinition.DEFAULT, status -> {
            try {
                return work.apply(status.getConnection());
            } catch (SQLException e) {
                throw new DataAccessException("SQL failed: " + e.getMessage(), e);
            }
        });
    }
}
