package io.basehook.application.service;

import io.basehook.application.write.GroupCommit;
import io.basehook.application.port.in.InsertRowsCommand;
import io.basehook.application.port.in.TableRows;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.ChangeEvent;
import io.basehook.domain.row.OpType;
import io.basehook.domain.row.CellChange;
import io.basehook.domain.row.Row;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.shared.FieldError;
import io.basehook.domain.table.TableId;
import io.basehook.domain.table.ValuesKeyedBy;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.basehook.application.service.Fixture.ADMIN;
import static io.basehook.application.service.Fixture.AMOUNT;
import static io.basehook.application.service.Fixture.BASE_ID;
import static io.basehook.application.service.Fixture.BOT;
import static io.basehook.application.service.Fixture.FIRST_SEQ;
import static io.basehook.application.service.Fixture.NAME;
import static io.basehook.application.service.Fixture.NOW;
import static io.basehook.application.service.Fixture.OTHER_BASE_ID;
import static io.basehook.application.service.Fixture.PRIO;
import static io.basehook.application.service.Fixture.STRANGER;
import static io.basehook.application.service.Fixture.TABLE_ID;
import static io.basehook.application.service.Fixture.VIEWER;
import static io.basehook.application.service.Fixture.number;
import static io.basehook.application.service.Fixture.option;
import static io.basehook.application.service.Fixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** Insert rows: one insert_row event per row, committed with the rows or not at all. */
class InsertRowsServiceTest {

    private final Fixture fixture = new Fixture();
    private final InsertRowsService service = fixture.insertRows(Limits.DEFAULTS);

    private static Map<String, Object> row(Object... nameValuePairs) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            values.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return values;
    }

    private TableRows insert(Actor actor, List<Map<String, Object>> rows) {
        return service.insertRows(new InsertRowsCommand(actor, BASE_ID, TABLE_ID, rows));
    }

    @Test
    void oneRowGivesOneInsertRowEventAppendedInsideTheTransactionAfterTheLock() {
        TableRows result = insert(ADMIN, List.of(row("Name", "ACME renewal", "Prio", "++", "Amount", null)));

        Row row = result.rows().get(0);
        InOrder order = inOrder(fixture.transactions, fixture.bases, fixture.tables, fixture.rows, fixture.outbox,
                fixture.encoder);
        order.verify(fixture.transactions).inTransaction(any());
        order.verify(fixture.bases).lockById(BASE_ID);
        order.verify(fixture.tables).findById(BASE_ID, TABLE_ID);
        order.verify(fixture.rows).insertAll(BASE_ID, List.of(row));
        order.verify(fixture.outbox).reserveSeqs(BASE_ID, 1);
        order.verify(fixture.encoder).encode(any(), eq(FIRST_SEQ));
        order.verify(fixture.outbox).append(anyList());
        order.verify(fixture.transactions).commit();

        ChangeEvent event = fixture.encoded().get(0);
        assertEquals(OpType.INSERT_ROW, event.type());
        assertEquals(row.id(), event.rowId());
        assertEquals("ACME renewal", event.rowName());
        assertEquals(List.of(new CellChange(NAME, text("ACME renewal"), null), new CellChange(PRIO, option("381992"), null)),
                event.cells());
        assertEquals(List.of(new StoredEvent(BASE_ID, FIRST_SEQ, event.id(), OpType.INSERT_ROW, NOW,
                Fixture.payload(event, FIRST_SEQ))), fixture.appended());
    }

    // group commit: inserts that reach a base while one runs go together, under one lock, in one transaction
    @Test
    void insertsArrivingWhileOneRunsShareOneTransactionAndEachGetsItsOwnOutcome() throws Exception {
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger locks = fixture.holdFirstLock(locked, release);
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            Future<TableRows> first = threads.submit(() -> insert(ADMIN, List.of(row("Name", "first"))));
            assertTrue(locked.await(20, TimeUnit.SECONDS));
            List<Thread> waiting = new ArrayList<>();
            Map<String, Object> outcomes = new ConcurrentHashMap<>();
            for (Map<String, Object> values : List.of(row("Name", "second"), row("Prio", "+++"),
                    row("Name", "third", "Amount", 3))) {
                Thread thread = new Thread(() -> {
                    try {
                        outcomes.put(values.toString(), insert(BOT, List.of(values)));
                    } catch (BasehookException e) {
                        outcomes.put(values.toString(), e);
                    }
                });
                waiting.add(thread);
                thread.start();
                // queued before the next one starts: the order the writes queue in is the order asserted below
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (thread.getState() != Thread.State.WAITING) {
                    assertTrue(System.nanoTime() < deadline, "the insert never queued up");
                    Thread.sleep(5);
                }
            }
            release.countDown();
            first.get();
            for (Thread thread : waiting) {
                thread.join();
            }

            assertEquals(2, locks.get(), "two transactions for four inserts");
            verify(fixture.transactions, times(2)).commit();
            verify(fixture.outbox).reserveSeqs(BASE_ID, 1);
            verify(fixture.outbox).reserveSeqs(BASE_ID, 2);
            assertEquals("invalid_cell_value", ((BasehookException) outcomes.get(row("Prio", "+++").toString())).code());
            TableRows second = (TableRows) outcomes.get(row("Name", "second").toString());
            TableRows third = (TableRows) outcomes.get(row("Name", "third", "Amount", 3).toString());
            assertEquals(1, second.rows().size());
            assertEquals(1, third.rows().size());
            verify(fixture.rows).insertAll(BASE_ID, List.of(second.rows().get(0), third.rows().get(0)));
            // seqs in the order the writes queued, as they commit
            verify(fixture.outbox, times(2)).append(anyList());
            assertEquals(List.of(first.get().rows().get(0).id(), second.rows().get(0).id(), third.rows().get(0).id()),
                    fixture.encoded().stream().map(ChangeEvent::rowId).toList());
        } finally {
            threads.shutdownNow();
        }
    }

    // group commit across bases: small inserts into different bases share one transaction, each base locked in it
    @Test
    void smallInsertsIntoDifferentBasesArrivingWhileOneRunsShareOneTransactionAndEachBaseGetsItsOwnSeqs() throws Exception {
        BaseId second = fixture.givenSecondBase();
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        fixture.holdFirstLock(locked, release);
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            Future<TableRows> first = threads.submit(() -> insert(ADMIN, List.of(row("Name", "first"))));
            assertTrue(locked.await(20, TimeUnit.SECONDS));
            Future<TableRows> intoSecond = Fixture.queued(threads,
                    () -> service.insertRows(new InsertRowsCommand(ADMIN, second, TABLE_ID, List.of(row("Name", "there")))));
            Future<TableRows> intoFirst = Fixture.queued(threads, () -> insert(ADMIN, List.of(row("Name", "here"))));
            release.countDown();
            first.get(20, TimeUnit.SECONDS);
            Row there = intoSecond.get(20, TimeUnit.SECONDS).rows().get(0);
            Row here = intoFirst.get(20, TimeUnit.SECONDS).rows().get(0);

            verify(fixture.transactions, times(2)).commit();
            verify(fixture.bases).lockAvailable(Set.of(second, BASE_ID));
            verify(fixture.rows).insertAll(Map.of(BASE_ID, List.of(here), second, List.of(there)));
            verify(fixture.outbox).reserveSeqs(Map.of(BASE_ID, 1, second, 1));
            @SuppressWarnings("unchecked")
            ArgumentCaptor<List<StoredEvent>> appended = ArgumentCaptor.forClass(List.class);
            verify(fixture.outbox, times(2)).append(appended.capture());
            // in id order of the bases, each numbered from its own last seq
            assertEquals(List.of(second, BASE_ID), appended.getAllValues().get(1).stream().map(StoredEvent::baseId).toList());
            assertEquals(List.of(FIRST_SEQ, FIRST_SEQ), appended.getAllValues().get(1).stream().map(StoredEvent::seq).toList());
            verify(fixture.transactions, never()).rollback(); // none of them had to run alone
        } finally {
            threads.shutdownNow();
        }
    }

    // no base waits for another's lock: one held elsewhere is left out, and its insert waits in its base's own lane
    @Test
    void anInsertWhoseBaseAnotherTransactionHoldsRunsAloneInItsBasesLane() {
        doReturn(List.of()).when(fixture.bases).lockAvailable(any());

        TableRows result = insert(ADMIN, List.of(row("Name", "late")));

        InOrder order = inOrder(fixture.bases, fixture.transactions, fixture.rows);
        order.verify(fixture.bases).lockAvailable(Set.of(BASE_ID));
        order.verify(fixture.transactions).rollback();
        order.verify(fixture.bases).lockById(BASE_ID);
        order.verify(fixture.rows).insertAll(BASE_ID, result.rows());
        order.verify(fixture.transactions).commit();
        verify(fixture.outbox).reserveSeqs(BASE_ID, 1);
    }

    // with two instances writing one base, its own lane is busy most of the time: a small insert then goes straight
    // there instead of finding the base held in the shared lane and rolling back first
    @Test
    void whileItsBasesOwnLaneIsBusyASmallInsertGoesStraightThere() throws Exception {
        doReturn(List.of()).when(fixture.bases).lockAvailable(any()); // held by another instance throughout
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger locks = fixture.holdFirstLock(locked, release);
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            Future<TableRows> first = threads.submit(() -> insert(ADMIN, List.of(row("Name", "first"))));
            assertTrue(locked.await(20, TimeUnit.SECONDS)); // in its base's lane, waiting for the lock
            Future<TableRows> second = Fixture.queued(threads, () -> insert(ADMIN, List.of(row("Name", "second"))));
            release.countDown();
            first.get(20, TimeUnit.SECONDS);
            Row secondRow = second.get(20, TimeUnit.SECONDS).rows().get(0);

            verify(fixture.bases, times(1)).lockAvailable(any()); // the first one's attempt only
            verify(fixture.transactions, times(1)).rollback();
            assertEquals(2, locks.get());
            verify(fixture.rows).insertAll(BASE_ID, List.of(secondRow));
            verify(fixture.transactions, times(2)).commit();
        } finally {
            threads.shutdownNow();
        }
    }

    // a large insert never holds up the small ones of other bases: it runs in its base's lane
    @Test
    void anInsertOfMoreThanTheSharedMostRowsGoesStraightToItsBasesLane() {
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i <= GroupCommit.SHARED_MAX_ROWS; i++) {
            many.add(row("Name", "row " + i));
        }

        insert(ADMIN, many);

        verify(fixture.bases, never()).lockAvailable(any());
        verify(fixture.bases).lockById(BASE_ID);
        verify(fixture.outbox).reserveSeqs(BASE_ID, GroupCommit.SHARED_MAX_ROWS + 1);
        verify(fixture.transactions).commit();
    }

    @Test
    void aBatchOfThreeGivesThreeEventsWithConsecutiveSeqsInRowOrderEncodedOnceEach() {
        TableRows result = insert(BOT, List.of(row("Name", "a"), row("Name", "b", "Amount", 2), row()));

        verify(fixture.rows).insertAll(BASE_ID, result.rows());
        verify(fixture.outbox).reserveSeqs(BASE_ID, 3);
        verify(fixture.encoder, times(3)).encode(any(), anyLong());
        List<ChangeEvent> encoded = fixture.encoded();
        List<StoredEvent> appended = fixture.appended();
        assertEquals(3, appended.size());
        for (int i = 0; i < 3; i++) {
            ChangeEvent event = encoded.get(i);
            StoredEvent stored = appended.get(i);
            assertEquals(result.rows().get(i).id(), event.rowId());
            assertEquals(OpType.INSERT_ROW, event.type());
            assertEquals("token:ci-bot", event.opUser());
            assertEquals(FIRST_SEQ + i, stored.seq());
            assertEquals(event.id(), stored.id());
            assertEquals(Fixture.payload(event, FIRST_SEQ + i), stored.payload());
        }
        assertEquals(List.of(new CellChange(NAME, text("b"), null), new CellChange(AMOUNT, number("2"), null)),
                encoded.get(1).cells());
        assertEquals(List.of(), encoded.get(2).cells());
        verify(fixture.transactions).commit();
    }

    @Test
    void valuesKeyedByColumnKeyAreReadByKeyAndAColumnNameIsThenUnknown() {
        TableRows result = service.insertRows(new InsertRowsCommand(ADMIN, BASE_ID, TABLE_ID,
                List.of(row("Nam1", "ACME", "amnt", 12)), ValuesKeyedBy.KEY));

        assertEquals(text("ACME"), result.rows().get(0).cells().get(NAME.key()));
        assertEquals(number("12"), result.rows().get(0).cells().get(AMOUNT.key()));
        BasehookException e = assertThrows(BasehookException.class, () -> service.insertRows(new InsertRowsCommand(
                ADMIN, BASE_ID, TABLE_ID, List.of(row("Name", "ACME")), ValuesKeyedBy.KEY)));
        assertEquals("invalid_cell_value", e.code());
        assertEquals("rows[0].Name", e.errors().get(0).field());
    }

    // a batch is all-or-nothing, and one 400 names every bad value
    @Test
    void aBadValueInRowTwoIsInvalidNamingRowAndColumnAndNothingIsWritten() {
        BasehookException e = assertThrows(BasehookException.class, () -> insert(ADMIN,
                List.of(row("Name", "ok"), row("Name", "fine", "Prio", "+++"), row("Nope", 1, "Amount", "12"))));

        assertEquals(BasehookException.Kind.INVALID, e.kind());
        assertEquals("invalid_cell_value", e.code());
        assertEquals("rows[1].Prio", e.errors().get(0).field());
        List<String> fields = new ArrayList<>(e.errors().stream().map(FieldError::field).toList());
        fields.sort(null);
        assertEquals(List.of("rows[1].Prio", "rows[2].Amount", "rows[2].Nope"), fields);
        verify(fixture.rows, never()).insertAll(any(), anyList());
        verifyNoInteractions(fixture.outbox, fixture.encoder);
        verify(fixture.transactions).rollback();
        verify(fixture.transactions, never()).commit();
    }

    @Test
    void oneBadValueIsTheMessageItself() {
        BasehookException e = assertThrows(BasehookException.class, () -> insert(ADMIN, List.of(row("Prio", "+++"))));
        assertEquals(e.errors().get(0).message(), e.getMessage());
    }

    @Test
    void aBatchOverTheLimitIsRefusedBeforeAnyPortIsTouched() {
        InsertRowsService limited = fixture.insertRows(new Limits(2, 500, 20, 1000));
        BasehookException e = assertThrows(BasehookException.class, () -> limited.insertRows(
                new InsertRowsCommand(ADMIN, BASE_ID, TABLE_ID, List.of(row(), row(), row()))));
        assertEquals(BasehookException.Kind.LIMIT_EXCEEDED, e.kind());
        assertEquals("batch_too_large", e.code());
        verifyNoInteractions(fixture.allPorts());
        verify(fixture.transactions, never()).inTransaction(any());
    }

    @Test
    void aBatchAtTheLimitIsAccepted() {
        InsertRowsService limited = fixture.insertRows(new Limits(2, 500, 20, 1000));
        limited.insertRows(new InsertRowsCommand(ADMIN, BASE_ID, TABLE_ID, List.of(row(), row())));
        assertEquals(2, fixture.appended().size());
    }

    @Test
    void aReadOnlyTokenIsForbiddenAndNothingIsTouched() {
        BasehookException e = assertThrows(BasehookException.class, () -> insert(VIEWER, List.of(row("Name", "x"))));
        assertEquals(BasehookException.Kind.FORBIDDEN, e.kind());
        verifyNoInteractions(fixture.allPorts());
    }

    @Test
    void aTokenOfAnotherBaseFindsNoBase() {
        BasehookException e = assertThrows(BasehookException.class, () -> insert(STRANGER, List.of(row("Name", "x"))));
        assertEquals(BasehookException.Kind.NOT_FOUND, e.kind());
        assertEquals("base_not_found", e.code());
        verifyNoInteractions(fixture.allPorts());
    }

    @Test
    void aMissingBaseOrTableIsNotFoundAndNothingIsWritten() {
        BasehookException noBase = assertThrows(BasehookException.class, () -> fixture.insertRows(Limits.DEFAULTS)
                .insertRows(new InsertRowsCommand(ADMIN, OTHER_BASE_ID, TABLE_ID, List.of(row()))));
        assertEquals("base_not_found", noBase.code());
        BasehookException noTable = assertThrows(BasehookException.class, () -> service.insertRows(
                new InsertRowsCommand(ADMIN, BASE_ID, new TableId("zzzz"), List.of(row()))));
        assertEquals("table_not_found", noTable.code());
        verify(fixture.rows, never()).insertAll(any(), anyList());
        verifyNoInteractions(fixture.outbox, fixture.encoder);
    }

    // If the events cannot be written, the rows must not commit either
    @Test
    void whenAppendingTheEventsFailsTheTransactionRollsBack() {
        doThrow(new IllegalStateException("disk full")).when(fixture.outbox).append(anyList());
        assertThrows(IllegalStateException.class, () -> insert(ADMIN, List.of(row("Name", "x"))));
        verify(fixture.rows).insertAll(eq(BASE_ID), anyList());
        verify(fixture.transactions).rollback();
        verify(fixture.transactions, never()).commit();
    }

    @Test
    void anEmptyBatchIsInvalid() {
        BasehookException e = assertThrows(BasehookException.class,
                () -> new InsertRowsCommand(ADMIN, BASE_ID, TABLE_ID, List.of()));
        assertEquals("rows", e.errors().get(0).field());
    }
}
