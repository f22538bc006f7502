package io.basehook.bootstrap;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.jdbc.JdbcConnection;
import com.zaxxer.hikari.HikariDataSource;
import io.basehook.adapter.persistence.DriverFailureEviction;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The driver settings of application.yml reach MySQL Connector/J on the application's own pool. The driver
 * reads only string values: written as YAML booleans they were silently ignored, and every batch went to the
 * database one statement per row.
 */
class DriverSettingsTest {

    @Test
    void theConfiguredDriverSettingsAreInEffectOnThePoolsConnections() throws SQLException {
        // the bean is the transaction-aware proxy; the pool is behind it
        DataSource dataSource = DelegatingDataSource.unwrapDataSource(
                RunningBasehook.get().context().getBean(DataSource.class));
        try (Connection connection = dataSource.getConnection()) {
            var settings = connection.unwrap(JdbcConnection.class).getPropertySet();
            assertEquals(true, settings.getBooleanProperty(PropertyKey.rewriteBatchedStatements).getValue());
            assertEquals(true, settings.getBooleanProperty(PropertyKey.useLocalSessionState).getValue());
            assertEquals(true, settings.getBooleanProperty(PropertyKey.useLocalTransactionState).getValue());
            assertEquals(true, settings.getBooleanProperty(PropertyKey.cachePrepStmts).getValue());
            assertEquals(false, settings.getBooleanProperty(PropertyKey.useServerPrepStmts).getValue());
            assertEquals(250, settings.getIntegerProperty(PropertyKey.prepStmtCacheSize).getValue());
            assertEquals(4096, settings.getIntegerProperty(PropertyKey.prepStmtCacheSqlLimit).getValue());
            // a rewritten batch is split below 16 MiB, whatever larger packet the server would take
            assertEquals(16 << 20, settings.getIntegerProperty(PropertyKey.maxAllowedPacket).getValue());
            // the pool's setting: transactions find autocommit off and leave it so
            assertEquals(false, connection.getAutoCommit());
        }
        // a connection whose driver failed (no server error code) is dropped, not handed out again
        assertEquals(DriverFailureEviction.class.getName(),
                dataSource.unwrap(HikariDataSource.class).getExceptionOverrideClassName());
    }
}
