package io.basehook.testkit.contract;

import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.base.Base;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.cell.CellValue;
import io.basehook.domain.row.OpType;
import io.basehook.domain.row.Row;
import io.basehook.domain.row.RowId;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.table.Table;
import io.basehook.domain.webhook.Webhook;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link TransactionRunner}: what the repositories write in a transaction commits together or, when the work throws,
 * not at all (the {@code seq} numbers it reserved come back); a nested call joins the outer transaction; an action
 * after commit runs once the commit is visible to other threads, never after a rollback, and at once without a
 * transaction; an action after rollback runs only after a rollback; an action that throws changes no outcome.
 */
public interface TransactionRunnerContract extends StoreFixture {

    @Test
    default void everyWriteOfTheWorkCommitsTogether() {
        Table table = newTable(newBase().id(), "Deals");
        BaseId base = table.baseId();
        Webhook webhook = newWebhook(base, true);
        List<Row> written = List.of(row(table, "a"), row(table, "b"));

        String result = inLockedBase(base, () -> {
            rows().insertAll(base, written);
            append(base, 2);
            webhook.change(null, "changed", false, T0.plusSeconds(1));
            webhooks().update(webhook);
            return "done";
        });

        assertEquals("done", result);
        assertEquals(2, rows().findByIds(base, table.id(), ids(written)).size());
        assertEquals(List.of(1L, 2L), seqs(base));
        assertEquals("changed", webhooks().findById(base, webhook.id()).orElseThrow().description());
    }

    @Test
    default void anExceptionRollsBackEveryWriteAndGivesTheSeqNumbersBack() {
        Table table = newTable(newBase().id(), "Deals");
        BaseId base = table.baseId();
        Webhook webhook = newWebhook(base, true);
        List<Row> before = insertRows(table, List.of(row(table, "kept"), row(table, "deleted"), row(table, "old")));
        append(base, 1);
        Base added = Base.create("Added", T0);
        List<Row> inserted = List.of(row(table, "new"));

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> inLockedBase(base, () -> {
            rows().insertAll(base, inserted);
            rows().deleteAll(base, table.id(), List.of(before.get(1).id()));
            rows().updateAll(base, List.of(Row.restore(before.get(2).id(), table.id(),
                    cells(table, "Name", new CellValue.Text("new")), T0, T0.plusSeconds(1))));
            append(base, 2);
            tables().delete(base, newTable(base, "Created meanwhile").id());
            Table renamed = tables().findById(base, table.id()).orElseThrow();
            renamed.rename("Renamed");
            tables().update(renamed);
            webhook.change(null, "changed", false, T0.plusSeconds(1));
            webhooks().update(webhook);
            bases().insert(added);
            throw new IllegalStateException("the use case fails after writing");
        }));

        assertEquals("the use case fails after writing", thrown.getMessage(), "the work's own exception");
        assertEquals(List.of("kept", "deleted", "old"), names(table, before));
        assertTrue(rows().findByIds(base, table.id(), ids(inserted)).isEmpty());
        assertEquals(List.of(1L), seqs(base));
        assertEquals(1, outbox().lastSeq(base));
        assertEquals(List.of("Deals"), tables().findByBase(base).stream().map(Table::name).toList());
        assertEquals("CRM sync", webhooks().findById(base, webhook.id()).orElseThrow().description());
        assertTrue(bases().findById(added.id()).isEmpty());
        assertEquals(2, inLockedBase(base, () -> outbox().reserveSeqs(base, 1)), "the numbers came back");
    }

    @Test
    default void aBaseDeletedInATransactionThatRollsBackComesBackWhole() {
        Table table = newTable(newBase().id(), "Deals");
        BaseId base = table.baseId();
        List<Row> rows = insertRows(table, List.of(row(table, "a"), row(table, "b")));
        Webhook webhook = newWebhook(base, true);
        append(base, 2);

        assertThrows(IllegalStateException.class, () -> inLockedBase(base, () -> {
            bases().delete(base);
            throw new IllegalStateException("the use case fails after deleting");
        }));

        assertTrue(bases().findById(base).isPresent());
        assertEquals(List.of(table.id()), tables().findByBase(base).stream().map(Table::id).toList());
        assertEquals(List.of("a", "b"), names(table, rows));
        assertEquals(List.of(webhook.id()), webhooks().findByBase(base).stream().map(Webhook::id).toList());
        assertEquals(List.of(1L, 2L), seqs(base));
        assertEquals(3, inLockedBase(base, () -> outbox().reserveSeqs(base, 1)));
    }

    @Test
    default void aNestedCallJoinsTheOuterTransaction() {
        Table table = newTable(newBase().id(), "Deals");
        List<Row> written = List.of(row(table, "a"));

        assertThrows(IllegalStateException.class, () -> transactions().inTransaction(() -> {
            inLockedBase(table.baseId(), () -> rows().insertAll(table.baseId(), written));
            throw new IllegalStateException("the outer work fails after the inner one returned");
        }));

        assertTrue(rows().findByIds(table.baseId(), table.id(), ids(written)).isEmpty());
    }

    @Test
    default void anActionAfterCommitRunsOnceTheCommitIsVisibleToOtherThreads() {
        Table table = newTable(newBase().id(), "Deals");
        List<Row> written = List.of(row(table, "a"));
        List<String> log = Collections.synchronizedList(new ArrayList<>());

        inLockedBase(table.baseId(), () -> {
            rows().insertAll(table.baseId(), written);
            transactions().afterCommit(() -> log.add("committed, rows seen from another thread: "
                    + onAnotherThread(() -> rows().findByIds(table.baseId(), table.id(), ids(written)).size())));
            transactions().afterRollback(() -> log.add("rolled back"));
            log.add("work done");
        });

        assertEquals(List.of("work done", "committed, rows seen from another thread: 1"), log);
    }

    @Test
    default void anActionAfterRollbackRunsOnlyAfterARollback() {
        List<String> log = new ArrayList<>();

        assertThrows(IllegalStateException.class, () -> transactions().inTransaction(() -> {
            transactions().afterCommit(() -> log.add("committed"));
            transactions().afterRollback(() -> log.add("rolled back"));
            log.add("work done");
            throw new IllegalStateException("the use case fails");
        }));

        assertEquals(List.of("work done", "rolled back"), log);
    }

    @Test
    default void theActionsOfANestedCallWaitForTheOuterTransactionToEnd() {
        List<String> log = new ArrayList<>();

        transactions().inTransaction(() -> {
            transactions().inTransaction(() -> {
                transactions().afterCommit(() -> log.add("after the commit"));
                transactions().afterRollback(() -> log.add("never: it committed"));
                return null;
            });
            log.add("inner returned");
            return null;
        });
        assertThrows(IllegalStateException.class, () -> transactions().inTransaction(() -> {
            transactions().inTransaction(() -> {
                transactions().afterCommit(() -> log.add("never: it rolled back"));
                transactions().afterRollback(() -> log.add("after the rollback"));
                return null;
            });
            log.add("inner returned again");
            throw new IllegalStateException("the outer work fails after the inner one returned");
        }));

        assertEquals(List.of("inner returned", "after the commit", "inner returned again", "after the rollback"), log);
    }

    @Test
    default void withoutATransactionAnActionAfterCommitRunsAtOnceAndOneAfterRollbackNever() {
        List<String> log = new ArrayList<>();

        transactions().afterCommit(() -> log.add("after commit"));
        transactions().afterRollback(() -> log.add("after rollback"));

        assertEquals(List.of("after commit"), log);
    }

    @Test
    default void anActionThatThrowsLeavesTheCommitTheResultAndTheOtherActionsAlone() {
        Table table = newTable(newBase().id(), "Deals");
        List<Row> written = List.of(row(table, "a"));
        List<String> log = new ArrayList<>();
        RuntimeException failure = new IllegalStateException("the signal fails");

        String result = inLockedBase(table.baseId(), () -> {
            rows().insertAll(table.baseId(), written);
            transactions().afterCommit(() -> {
                throw failure;
            });
            transactions().afterCommit(() -> log.add("second ran"));
            return "done";
        });
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> transactions().inTransaction(() -> {
            transactions().afterRollback(() -> {
                throw new IllegalStateException("the signal fails too");
            });
            transactions().afterRollback(() -> log.add("second ran again"));
            throw failure;
        }));

        assertEquals("done", result);
        assertEquals(1, rows().findByIds(table.baseId(), table.id(), ids(written)).size());
        assertSame(failure, thrown, "the work's own exception, not the action's");
        assertEquals(List.of("second ran", "second ran again"), log);
    }

    @Test
    default void aReadOnlyTransactionSeesWhatWasCommitted() {
        Table table = newTable(newBase().id(), "Deals");
        List<Row> written = insertRows(table, List.of(row(table, "a")));
        append(table.baseId(), 1);

        int seen = transactions().readOnly(() -> rows().findByIds(table.baseId(), table.id(), ids(written)).size()
                + outbox().readAfter(table.baseId(), 0, 10, Long.MAX_VALUE).size());

        assertEquals(2, seen);
    }

    /** Reserves and appends {@code count} events, in the transaction open or in one of their own. */
    private List<StoredEvent> append(BaseId base, int count) {
        List<String> payloads = Collections.nCopies(count, "{}");
        return appendEvents(base, OpType.INSERT_ROW, payloads);
    }

    private List<Long> seqs(BaseId base) {
        return outbox().readAfter(base, 0, 100, Long.MAX_VALUE).stream().map(StoredEvent::seq).toList();
    }

    /** The Name of each row as stored now, in the order given; a row missing fails. */
    private List<String> names(Table table, List<Row> rows) {
        Map<RowId, Row> found = rows().findByIds(table.baseId(), table.id(), ids(rows));
        return rows.stream().map(row -> ((CellValue.Text) found.get(row.id()).cells().get(key(table, "Name")))
                .value()).toList();
    }

    private static List<RowId> ids(List<Row> rows) {
        return rows.stream().map(Row::id).toList();
    }

    /** Runs on another thread, so on another connection where the store has them: only committed data is seen. */
    private static <T> T onAnotherThread(Supplier<T> read) {
        try {
            return CompletableFuture.supplyAsync(read).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other thread could not read", e);
        }
    }
}
