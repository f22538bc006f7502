package io.basehook.adapter.persistence;

import io.basehook.application.port.out.BaseRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.base.Base;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pool's connections come without autocommit, so that transactions do not switch it; work outside any
 * transaction is still committed when it returns, and rolled back when it throws.
 */
@MicronautTest(transactional = false)
class CommitOutsideTransactionsTest extends DatabaseTest {

    @Inject
    JdbcConnections jdbc;
    @Inject
    TransactionRunner transactions;
    @Inject
    BaseRepository bases;

    @Test
    void connectionsStayInManualCommitModeInsideAndOutsideTransactions() {
        assertFalse(autoCommit());
        assertEquals(0L, serverAutoCommit());
        // a transaction finds nothing to switch, so it leaves nothing to switch back
        assertFalse(transactions.inTransaction(this::autoCommit));
        assertEquals(0L, serverAutoCommit());
    }

    @Test
    void aWriteOutsideAnyTransactionIsCommittedWhenItsWorkReturns() {
        Base base = Fixtures.base();

        bases.insert(base); // a generated repository, on a connection of its own

        assertTrue(bases.findById(base.id()).isPresent(), "seen from another connection, so committed");
        assertEquals(1L, countBases(base));
    }

    @Test
    void aWriteOutsideAnyTransactionIsRolledBackWhenItsWorkThrows() {
        Base base = Fixtures.base();

        assertThrows(IllegalStateException.class, () -> jdbc.run(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO bh_base (id, name, created_at, last_seq) VALUES (?, 'gone', 0, 0)")) {
                insert.setString(1, base.id().value());
                insert.executeUpdate();
            }
            throw new IllegalStateException("the work fails after its write");
        }));

        assertEquals(0L, countBases(base));
    }

    @Test
    void workThatJoinsATransactionIsCommittedOrRolledBackWithIt() {
        Base kept = Fixtures.base();
        Base dropped = Fixtures.base();

        transactions.inTransaction(() -> {
            bases.insert(kept);
            return null;
        });
        assertThrows(IllegalStateException.class, () -> transactions.inTransaction(() -> {
            bases.insert(dropped);
            throw new IllegalStateException("the transaction fails after the write");
        }));

        assertEquals(1L, countBases(kept));
        assertEquals(0L, countBases(dropped));
    }

    private boolean autoCommit() {
        return jdbc.run(connection -> connection.getAutoCommit());
    }

    private long serverAutoCommit() {
        return jdbc.run(connection -> single(connection.prepareStatement("SELECT @@autocommit")));
    }

    private long countBases(Base base) {
        return jdbc.run(connection -> {
            PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM bh_base WHERE id = ?");
            count.setString(1, base.id().value());
            return single(count);
        });
    }

    private static long single(PreparedStatement statement) throws SQLException {
        try (statement; ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }
}
