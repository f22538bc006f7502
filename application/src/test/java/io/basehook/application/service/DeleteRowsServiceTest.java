package io.basehook.application.service;

import io.basehook.application.port.in.DeleteRowsCommand;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.CellChange;
import io.basehook.domain.row.ChangeEvent;
import io.basehook.domain.row.OpType;
import io.basehook.domain.row.Row;
import io.basehook.domain.row.RowId;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.shared.BasehookException;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.basehook.application.service.Fixture.ADMIN;
import static io.basehook.application.service.Fixture.AMOUNT;
import static io.basehook.application.service.Fixture.BASE_ID;
import static io.basehook.application.service.Fixture.BOT;
import static io.basehook.application.service.Fixture.DONE;
import static io.basehook.application.service.Fixture.FIRST_SEQ;
import static io.basehook.application.service.Fixture.NAME;
import static io.basehook.application.service.Fixture.NOW;
import static io.basehook.application.service.Fixture.STRANGER;
import static io.basehook.application.service.Fixture.TABLE_ID;
import static io.basehook.application.service.Fixture.VIEWER;
import static io.basehook.application.service.Fixture.checkbox;
import static io.basehook.application.service.Fixture.number;
import static io.basehook.application.service.Fixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** Delete rows: one delete_row per row that existed, carrying the row's cells as old values. */
class DeleteRowsServiceTest {

    private final Fixture fixture = new Fixture();
    private final DeleteRowsService service = fixture.deleteRows(Limits.DEFAULTS);

    private final Row acme = fixture.givenRow(NAME, text("ACME renewal"), DONE, checkbox(false), AMOUNT, number("1200"));
    private final Row globex = fixture.givenRow(NAME, text("Globex"));
    private final RowId missing = RowId.random();

    DeleteRowsServiceTest() {
        fixture.givenStoredRows(acme, globex);
    }

    private int delete(Actor actor, boolean requireAll, RowId... ids) {
        return service.deleteRows(new DeleteRowsCommand(actor, BASE_ID, TABLE_ID, List.of(ids), requireAll));
    }

    private void assertNothingWritten() {
        verify(fixture.rows, never()).deleteAll(any(), any(), anyCollection());
        verifyNoInteractions(fixture.outbox, fixture.encoder);
    }

    @Test
    void oneRowGivesOneDeleteRowEventWithEveryNonEmptyCellAsOldValue() {
        assertEquals(1, delete(BOT, true, acme.id()));

        InOrder order = inOrder(fixture.transactions, fixture.bases, fixture.tables, fixture.rows, fixture.outbox,
                fixture.encoder);
        order.verify(fixture.transactions).inTransaction(any());
        order.verify(fixture.bases).lockById(BASE_ID);
        order.verify(fixture.tables).findById(BASE_ID, TABLE_ID);
        order.verify(fixture.rows).findByIds(BASE_ID, TABLE_ID, List.of(acme.id()));
        order.verify(fixture.rows).deleteAll(BASE_ID, TABLE_ID, List.of(acme.id()));
        order.verify(fixture.outbox).reserveSeqs(BASE_ID, 1);
        order.verify(fixture.encoder).encode(any(), eq(FIRST_SEQ));
        order.verify(fixture.outbox).append(anyList());
        order.verify(fixture.transactions).commit();

        ChangeEvent event = fixture.encoded().get(0);
        assertEquals(OpType.DELETE_ROW, event.type());
        assertEquals(acme.id(), event.rowId());
        assertEquals("ACME renewal", event.rowName());
        assertEquals("token:ci-bot", event.opUser());
        assertEquals(List.of(new CellChange(NAME, null, text("ACME renewal")),
                new CellChange(AMOUNT, null, number("1200"))), event.cells());
        assertEquals(List.of(new StoredEvent(BASE_ID, FIRST_SEQ, event.id(), OpType.DELETE_ROW, NOW,
                Fixture.payload(event, FIRST_SEQ))), fixture.appended());
    }

    // group commit across bases: small deletes in different bases share one transaction, with one seq statement
    @Test
    void deletesInDifferentBasesArrivingWhileOneRunsShareOneTransaction() throws Exception {
        BaseId second = fixture.givenSecondBase();
        Row elsewhere = fixture.givenRow(NAME, text("Initech"));
        when(fixture.rows.findByIds(eq(second), eq(TABLE_ID), anyCollection())).thenReturn(Map.of(elsewhere.id(), elsewhere));
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        fixture.holdFirstLock(locked, release);
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            Future<Integer> first = threads.submit(() -> delete(ADMIN, true, acme.id()));
            assertTrue(locked.await(20, TimeUnit.SECONDS));
            Future<Integer> inSecond = Fixture.queued(threads, () -> service.deleteRows(
                    new DeleteRowsCommand(ADMIN, second, TABLE_ID, List.of(elsewhere.id()), true)));
            Future<Integer> inFirst = Fixture.queued(threads, () -> delete(ADMIN, true, globex.id()));
            release.countDown();

            assertEquals(1, first.get(20, TimeUnit.SECONDS));
            assertEquals(1, inSecond.get(20, TimeUnit.SECONDS));
            assertEquals(1, inFirst.get(20, TimeUnit.SECONDS));
            verify(fixture.transactions, times(2)).commit();
            verify(fixture.bases).lockAvailable(Set.of(second, BASE_ID));
            verify(fixture.rows).deleteAll(second, TABLE_ID, List.of(elsewhere.id()));
            verify(fixture.rows).deleteAll(BASE_ID, TABLE_ID, List.of(globex.id()));
            verify(fixture.outbox).reserveSeqs(Map.of(BASE_ID, 1, second, 1));
            verify(fixture.rows, never()).insertAll(any());
            verify(fixture.rows, never()).insertAll(any(), anyList());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aBatchSkipsAMissingIdAndSendsOneEventPerRowThatExisted() {
        assertEquals(2, delete(ADMIN, false, globex.id(), missing, acme.id()));

        verify(fixture.rows).deleteAll(BASE_ID, TABLE_ID, List.of(globex.id(), acme.id()));
        verify(fixture.outbox).reserveSeqs(BASE_ID, 2);
        assertEquals(List.of(globex.id(), acme.id()), fixture.encoded().stream().map(ChangeEvent::rowId).toList());
        assertEquals(List.of(FIRST_SEQ, FIRST_SEQ + 1), fixture.appended().stream().map(StoredEvent::seq).toList());
    }

    @Test
    void aRepeatedIdInABatchIsDeletedOnce() {
        assertEquals(1, delete(ADMIN, false, acme.id(), acme.id()));
        assertEquals(1, fixture.appended().size());
    }

    @Test
    void deletingOneMissingRowIsRowNotFoundAndNothingIsWritten() {
        BasehookException e = assertThrows(BasehookException.class, () -> delete(ADMIN, true, missing));
        assertEquals(BasehookException.Kind.NOT_FOUND, e.kind());
        assertEquals("row_not_found", e.code());
        assertNothingWritten();
        verify(fixture.transactions).rollback();
    }

    @Test
    void aBatchOfOnlyMissingRowsDeletesNothingAndSendsNothing() {
        assertEquals(0, delete(ADMIN, false, missing, RowId.random()));
        assertNothingWritten();
    }

    @Test
    void aBatchOverTheLimitIsRefusedBeforeAnyPortIsTouched() {
        DeleteRowsService limited = fixture.deleteRows(new Limits(1, 500, 20, 1000));
        BasehookException e = assertThrows(BasehookException.class, () -> limited.deleteRows(
                new DeleteRowsCommand(ADMIN, BASE_ID, TABLE_ID, List.of(acme.id(), globex.id()), false)));
        assertEquals(BasehookException.Kind.LIMIT_EXCEEDED, e.kind());
        verifyNoInteractions(fixture.allPorts());
    }

    @Test
    void aReadOnlyTokenIsForbiddenAndATokenOfAnotherBaseFindsNoBase() {
        assertEquals(BasehookException.Kind.FORBIDDEN,
                assertThrows(BasehookException.class, () -> delete(VIEWER, true, acme.id())).kind());
        assertEquals(BasehookException.Kind.NOT_FOUND,
                assertThrows(BasehookException.class, () -> delete(STRANGER, true, acme.id())).kind());
        verifyNoInteractions(fixture.allPorts());
    }
}
