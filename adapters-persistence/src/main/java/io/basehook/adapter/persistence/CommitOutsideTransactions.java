package io.basehook.adapter.persistence;

import io.micronaut.context.annotation.Context;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.connection.ConnectionStatus;
import io.micronaut.data.connection.support.AbstractConnectionOperations;
import io.micronaut.data.connection.support.ConnectionCustomizer;
import io.micronaut.data.exceptions.DataAccessException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;

/**
 * The pool hands out connections in manual-commit mode ({@code auto-commit: false}), so that a transaction does
 * not switch autocommit off at its start and on again at its end: two round trips of every write transaction and
 * every delivery turn (docs/adr/0015-connection-settings.md). Work that opens a connection of its
 * own, outside any transaction, would then never be committed (the pool rolls back what a connection returns
 * with): this commits it when the work returns and rolls it back when it throws, as autocommit did, once for the
 * work instead of once per statement.
 * <p>
 * A transaction's own connection passes through here too, already committed or rolled back: the driver knows from
 * the server's last answer that no transaction is open ({@code useLocalTransactionState}) and sends nothing.
 * Work that joins a connection already open (a transaction's, or an outer call's) is not wrapped at all.
 */
@Context
final class CommitOutsideTransactions implements ConnectionCustomizer<Connection> {

    private final ConnectionOperations<Connection> connections;

    CommitOutsideTransactions(ConnectionOperations<Connection> connections) {
        this.connections = connections;
        if (!(connections instanceof AbstractConnectionOperations<Connection> customizable)) {
            throw new IllegalStateException("cannot commit work outside transactions on " + connections.getClass());
        }
        customizable.addConnectionCustomizer(this);
    }

    @Override
    public <R> Function<ConnectionStatus<Connection>, R> intercept(Function<ConnectionStatus<Connection>, R> operation) {
        if (connections.findConnectionStatus().isPresent()) {
            return operation; // joins an open connection: whoever opened it ends its work
        }
        return status -> {
            Connection connection = status.getConnection();
            R result;
            try {
                result = operation.apply(status);
            } catch (RuntimeException | Error e) {
                end(connection, false, e);
                throw e;
            }
            end(connection, true, null);
            return result;
        };
    }

    private static void end(Connection connection, boolean commit, Throwable failure) {
        try {
            if (connection.isClosed() || connection.getAutoCommit()) {
                return;
            }
            if (commit) {
                connection.commit();
            } else {
                connection.rollback();
            }
        } catch (SQLException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            } else {
                throw new DataAccessException("could not commit work done outside a transaction: " + e.getMessage(), e);
            }
        }
    }
}
