package io.basehook.adapter.persistence;

import io.basehook.domain.shared.BasehookException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class DatabaseUnavailableTest {

    @Test
    void aConnectionThatCannotBeHadIsUnavailable() {
        RuntimeException poolTimeout = new IllegalStateException("tx failed",
                new SQLTransientConnectionException("Connection is not available, request timed out after 5000ms"));
        RuntimeException serverGone = new RuntimeException(new SQLNonTransientConnectionException("Socket closed"));

        for (RuntimeException failure : new RuntimeException[] {poolTimeout, serverGone}) {
            RuntimeException translated = DatabaseUnavailable.translate(failure);
            assertEquals(BasehookException.Kind.UNAVAILABLE, ((BasehookException) translated).kind());
            assertEquals("database_unavailable", ((BasehookException) translated).code());
        }
    }

    @Test
    void otherFailuresAndRejectionsPassUnchanged() {
        RuntimeException sqlBug = new RuntimeException(new SQLException("Unknown column 'x'"));
        BasehookException rejection = BasehookException.notFound("row_not_found", "no row");

        assertSame(sqlBug, DatabaseUnavailable.translate(sqlBug));
        assertSame(rejection, DatabaseUnavailable.translate(rejection));
    }
}
