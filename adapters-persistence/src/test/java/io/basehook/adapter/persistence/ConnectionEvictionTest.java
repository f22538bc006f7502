package io.basehook.adapter.persistence;

import com.mysql.cj.jdbc.JdbcConnection;
import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A connection on which the driver failed, or an Error (OutOfMemoryError) surfaced, never goes back to the pool:
 * its protocol state is unknown, and reused it failed the next request that borrowed it.
 */
@MicronautTest(transactional = false)
class ConnectionEvictionTest extends DatabaseTest {

    @Inject
    JdbcConnections jdbc;
    @Inject
    DataSource dataSource;

    @Test
    void aConnectionOnWhichAnErrorSurfacedIsNotHandedOutAgain() throws SQLException {
        AtomicReference<JdbcConnection> failed = new AtomicReference<>();

        OutOfMemoryError error = assertThrows(OutOfMemoryError.class, () -> jdbc.run(connection -> {
            failed.set(connection.unwrap(JdbcConnection.class));
            throw new OutOfMemoryError("simulated: the heap ran out while a result was read");
        }));

        assertEquals("simulated: the heap ran out while a result was read", error.getMessage());
        assertNotNull(failed.get());
        assertTrue(pooled().stream().noneMatch(connection -> connection == failed.get()),
                "the failed connection is out of the pool");
    }

    @Test
    void aConnectionOnWhichTheDriverFailedIsNotHandedOutAgain() throws SQLException {
        AtomicReference<JdbcConnection> failed = new AtomicReference<>();

        DataAccessException thrown = assertThrows(DataAccessException.class, () -> jdbc.run(connection -> {
            failed.set(connection.unwrap(JdbcConnection.class));
            try (PreparedStatement select = connection.prepareStatement("SELECT ?")) {
                // a failure on the driver's side of the wire, without a server error code
                select.setString(2, "no such parameter");
            }
            return null;
        }));

        assertEquals(0, ((SQLException) thrown.getCause()).getErrorCode());
        assertTrue(pooled().stream().noneMatch(connection -> connection == failed.get()),
                "the connection whose driver failed is out of the pool");
    }

    @Test
    void aServerErrorKeepsTheConnection() throws SQLException {
        AtomicReference<JdbcConnection> used = new AtomicReference<>();

        assertThrows(DataAccessException.class, () -> jdbc.run(connection -> {
            used.set(connection.unwrap(JdbcConnection.class));
            try (PreparedStatement select = connection.prepareStatement("SELECT * FROM no_such_table")) {
                select.executeQuery();
            }
            return null;
        }));

        assertTrue(pooled().stream().anyMatch(connection -> connection == used.get()),
                "a statement the server refused leaves a sound connection in the pool");
    }

    /** Every physical connection the pool holds, each borrowed at once so that none can hide. */
    private List<JdbcConnection> pooled() throws SQLException {
        HikariDataSource pool = DelegatingDataSource.unwrapDataSource(dataSource).unwrap(HikariDataSource.class);
        List<Connection> borrowed = new ArrayList<>();
        try {
            List<JdbcConnection> physical = new ArrayList<>();
            for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
                Connection connection = pool.getConnection();
                borrowed.add(connection);
                physical.add(connection.unwrap(JdbcConnection.class));
            }
            return physical;
        } finally {
            for (Connection connection : borrowed) {
                connection.close();
            }
        }
    }
}
