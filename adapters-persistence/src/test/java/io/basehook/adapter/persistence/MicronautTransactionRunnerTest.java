package io.basehook.adapter.persistence;

import io.basehook.application.port.out.BaseRepository;
import io.basehook.application.port.out.ChangeEventOutbox;
import io.basehook.application.port.out.RowRepository;
import io.basehook.application.port.out.TableRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.base.Base;
import io.basehook.domain.row.Row;
import io.basehook.domain.row.RowId;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.table.Table;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbox guarantee: rows and their events commit together or not at all. */
@MicronautTest(transactional = false)
class MicronautTransactionRunnerTest extends DatabaseTest {

    @Inject
    TransactionRunner transactions;
    @Inject
    BaseRepository bases;
    @Inject
    TableRepository tables;
    @Inject
    RowRepository rows;
    @Inject
    ChangeEventOutbox outbox;

    Base base;
    Table table;

    @BeforeEach
    void freshTable() {
        base = Fixtures.base();
        bases.insert(base);
        table = Fixtures.table(base.id(), "Deals");
        tables.insert(table);
    }

    @Test
    void commitsRowsTogetherWithTheirEvents() {
        List<Row> written = List.of(Fixtures.row(table, "a"), Fixtures.row(table, "b"));

        transactions.inTransaction(() -> writeRowsAndEvents(written));

        assertEquals(2, rows.findByIds(base.id(), table.id(), ids(written)).size());
        assertEquals(List.of(1L, 2L), outbox.readAfter(base.id(), 0, 10, Long.MAX_VALUE).stream().map(StoredEvent::seq).toList());
    }

    @Test
    void anExceptionLeavesNeitherRowsNorEvents() {
        List<Row> written = List.of(Fixtures.row(table, "a"), Fixtures.row(table, "b"));

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> transactions.inTransaction(() -> {
            writeRowsAndEvents(written);
            throw new IllegalStateException("the use case fails after writing");
        }));

        assertEquals("the use case fails after writing", thrown.getMessage());
        assertTrue(rows.findByIds(base.id(), table.id(), ids(written)).isEmpty());
        assertTrue(outbox.readAfter(base.id(), 0, 10, Long.MAX_VALUE).isEmpty());
        assertEquals(0, outbox.lastSeq(base.id()));
    }

    @Test
    void aNestedCallJoinsTheOuterTransaction() {
        List<Row> written = List.of(Fixtures.row(table, "a"));

        assertThrows(IllegalStateException.class, () -> transactions.inTransaction(() -> {
            transactions.inTransaction(() -> writeRowsAndEvents(written));
            throw new IllegalStateException("the outer work fails after the inner one returned");
        }));

        assertTrue(rows.findByIds(base.id(), table.id(), ids(written)).isEmpty());
        assertTrue(outbox.readAfter(base.id(), 0, 10, Long.MAX_VALUE).isEmpty());
    }

    @Test
    void aReadOnlyTransactionSeesCommittedData() {
        List<Row> written = List.of(Fixtures.row(table, "a"));
        transactions.inTransaction(() -> writeRowsAndEvents(written));

        int seen = transactions.readOnly(() -> rows.findByIds(base.id(), table.id(), ids(written)).size()
                + outbox.readAfter(base.id(), 0, 10, Long.MAX_VALUE).size());

        assertEquals(2, seen);
    }

    @Test
    void runsAnAfterCommitActionOnceTheCommitIsVisible() {
        List<Row> written = List.of(Fixtures.row(table, "a"));
        List<String> log = new ArrayList<>();

        transactions.inTransaction(() -> {
            writeRowsAndEvents(written);
            transactions.afterCommit(() -> log.add("committed, rows seen from outside: "
                    + rowsSeenFromAnotherTransaction(written)));
            log.add("work done");
            return null;
        });

        assertEquals(List.of("work done", "committed, rows seen from outside: 1"), log);
    }

    @Test
    void neverRunsAnAfterCommitActionOnRollback() {
        List<String> log = new ArrayList<>();

        assertThrows(IllegalStateException.class, () -> transactions.inTransaction(() -> {
            transactions.afterCommit(() -> log.add("ran"));
            throw new IllegalStateException("the use case fails");
        }));

        assertTrue(log.isEmpty());
    }

    @Test
    void anAfterCommitActionOfANestedCallWaitsForTheOuterCommit() {
        List<String> log = new ArrayList<>();

        transactions.inTransaction(() -> {
            transactions.inTransaction(() -> {
                transactions.afterCommit(() -> log.add("after commit"));
                return null;
            });
            log.add("inner returned");
            return null;
        });
        assertThrows(IllegalStateException.class, () -> transactions.inTransaction(() -> {
            transactions.inTransaction(() -> {
                transactions.afterCommit(() -> log.add("after a rolled back commit"));
                return null;
            });
            throw new IllegalStateException("the outer work fails after the inner one returned");
        }));

        assertEquals(List.of("inner returned", "after commit"), log);
    }

    @Test
    void runsAnAfterCommitActionAtOnceWithoutATransaction() {
        List<String> log = new ArrayList<>();

        transactions.afterCommit(() -> log.add("ran"));

        assertEquals(List.of("ran"), log);
    }

    @Test
    void aFailingAfterCommitActionLeavesTheCommitAndTheOtherActionsAlone() {
        List<Row> written = List.of(Fixtures.row(table, "a"));
        List<String> log = new ArrayList<>();

        String result = transactions.inTransaction(() -> {
            writeRowsAndEvents(written);
            transactions.afterCommit(() -> {
                throw new IllegalStateException("the signal fails");
            });
            transactions.afterCommit(() -> log.add("second ran"));
            return "done";
        });

        assertEquals("done", result);
        assertEquals(List.of("second ran"), log);
        assertEquals(1, rowsSeenFromAnotherTransaction(written));
    }

    /** Reads on another thread, so on another connection: only committed rows are there. */
    private int rowsSeenFromAnotherTransaction(List<Row> written) {
        try {
            return CompletableFuture.supplyAsync(() -> rows.findByIds(base.id(), table.id(), ids(written)).size()).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Void writeRowsAndEvents(List<Row> written) {
        bases.lockById(base.id()).orElseThrow();
        rows.insertAll(base.id(), written);
        long seq = outbox.reserveSeqs(base.id(), written.size());
        outbox.append(written.stream().map(row -> Fixtures.event(base.id(), seq + written.indexOf(row))).toList());
        return null;
    }

    private static List<RowId> ids(List<Row> written) {
        return written.stream().map(Row::id).toList();
    }
}
