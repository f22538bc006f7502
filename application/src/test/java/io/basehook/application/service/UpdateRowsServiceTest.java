package io.basehook.application.service;

import io.basehook.application.port.in.RowValues;
import io.basehook.application.port.in.TableRows;
import io.basehook.application.port.in.UpdateRowsCommand;
import io.basehook.domain.access.Actor;
import io.basehook.domain.cell.CellValue;
import io.basehook.domain.row.CellChange;
import io.basehook.domain.row.ChangeEvent;
import io.basehook.domain.row.OpType;
import io.basehook.domain.row.Row;
import io.basehook.domain.row.RowId;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.shared.FieldError;
import io.basehook.domain.table.ValuesKeyedBy;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.basehook.application.service.Fixture.ADMIN;
import static io.basehook.application.service.Fixture.AMOUNT;
import static io.basehook.application.service.Fixture.BASE_ID;
import static io.basehook.application.service.Fixture.BOT;
import static io.basehook.application.service.Fixture.DONE;
import static io.basehook.application.service.Fixture.FIRST_SEQ;
import static io.basehook.application.service.Fixture.NAME;
import static io.basehook.application.service.Fixture.NOW;
import static io.basehook.application.service.Fixture.PRIO;
import static io.basehook.application.service.Fixture.STRANGER;
import static io.basehook.application.service.Fixture.TABLE_ID;
import static io.basehook.application.service.Fixture.TAGS;
import static io.basehook.application.service.Fixture.VIEWER;
import static io.basehook.application.service.Fixture.checkbox;
import static io.basehook.application.service.Fixture.number;
import static io.basehook.application.service.Fixture.option;
import static io.basehook.application.service.Fixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/** Update rows: one modify_row per row whose values really changed, and nothing for a no-op. */
class UpdateRowsServiceTest {

    private final Fixture fixture = new Fixture();
    private final UpdateRowsService service = fixture.updateRows(Limits.DEFAULTS);

    private final Row acme = fixture.givenRow(NAME, text("ACME renewal"), PRIO, option("381993"), DONE, checkbox(false),
            AMOUNT, number("1200"));
    private final Row globex = fixture.givenRow(NAME, text("Globex"), DONE, checkbox(true));
    private final Row initech = fixture.givenRow(NAME, text("Initech"));

    UpdateRowsServiceTest() {
        fixture.givenStoredRows(acme, globex, initech);
    }

    private static RowValues values(Row row, Object... nameValuePairs) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            values.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return new RowValues(row.id(), values);
    }

    private TableRows update(Actor actor, RowValues... updates) {
        return service.updateRows(new UpdateRowsCommand(actor, BASE_ID, TABLE_ID, Arrays.asList(updates)));
    }

    private void assertNothingWritten() {
        verify(fixture.rows, never()).updateAll(any(), anyList());
        verify(fixture.outbox, never()).reserveSeqs(any(), anyInt());
        verify(fixture.outbox, never()).append(anyList());
        verifyNoInteractions(fixture.encoder);
    }

    @Test
    void oneChangedRowGivesOneModifyRowEventWithOnlyTheChangedCells() {
        TableRows result = update(BOT, values(acme, "Prio", "++", "Name", "ACME renewal", "Amount", 1200.0));

        Row updated = result.rows().get(0);
        InOrder order = inOrder(fixture.transactions, fixture.bases, fixture.tables, fixture.rows, fixture.outbox,
                fixture.encoder);
        order.verify(fixture.transactions).inTransaction(any());
        order.verify(fixture.bases).lockById(BASE_ID);
        order.verify(fixture.tables).findById(BASE_ID, TABLE_ID);
        order.verify(fixture.rows).findByIds(eq(BASE_ID), eq(TABLE_ID), eq(List.of(acme.id())));
        order.verify(fixture.rows).updateAll(BASE_ID, List.of(updated));
        order.verify(fixture.outbox).reserveSeqs(BASE_ID, 1);
        order.verify(fixture.encoder).encode(any(), eq(FIRST_SEQ));
        order.verify(fixture.outbox).append(anyList());
        order.verify(fixture.transactions).commit();

        ChangeEvent event = fixture.encoded().get(0);
        assertEquals(OpType.MODIFY_ROW, event.type());
        assertEquals(acme.id(), event.rowId());
        assertEquals(List.of(new CellChange(PRIO, option("381992"), option("381993"))), event.cells());
        assertEquals("token:ci-bot", event.opUser());
        assertEquals("ci-bot", event.opApp());
        assertEquals(List.of(new StoredEvent(BASE_ID, FIRST_SEQ, event.id(), OpType.MODIFY_ROW, NOW,
                Fixture.payload(event, FIRST_SEQ))), fixture.appended());
        assertEquals(option("381992"), updated.cells().get(PRIO.key()));
        assertEquals(NOW, updated.updatedAt());
    }

    @Test
    void valuesKeyedByColumnKeyAreReadByKeyAndAColumnNameIsThenUnknown() {
        TableRows result = service.updateRows(new UpdateRowsCommand(BOT, BASE_ID, TABLE_ID,
                List.of(values(acme, "589r", "++", "amnt", null)), ValuesKeyedBy.KEY));

        assertEquals(option("381992"), result.rows().get(0).cells().get(PRIO.key()));
        assertEquals(null, result.rows().get(0).cells().get(AMOUNT.key()));
        BasehookException e = assertThrows(BasehookException.class, () -> service.updateRows(new UpdateRowsCommand(
                BOT, BASE_ID, TABLE_ID, List.of(values(globex, "Done", false)), ValuesKeyedBy.KEY)));
        assertEquals("updates[0].values.Done", e.errors().get(0).field());
    }

    @Test
    void aBatchSendsEventsOnlyForTheRowsThatChanged() {
        TableRows result = update(ADMIN, values(acme, "Amount", 1500), values(globex, "Done", true, "Name", "Globex"),
                values(initech, "Name", "Initech Ltd"));

        Row acmeAfter = result.rows().get(0);
        Row initechAfter = result.rows().get(2);
        assertSame(globex, result.rows().get(1));
        verify(fixture.rows).updateAll(BASE_ID, List.of(acmeAfter, initechAfter));
        verify(fixture.outbox).reserveSeqs(BASE_ID, 2);
        List<ChangeEvent> events = fixture.encoded();
        assertEquals(List.of(acme.id(), initech.id()), events.stream().map(ChangeEvent::rowId).toList());
        assertEquals(List.of(new CellChange(AMOUNT, number("1500"), number("1200"))), events.get(0).cells());
        assertEquals(List.of(new CellChange(NAME, text("Initech Ltd"), text("Initech"))), events.get(1).cells());
        assertEquals("Initech Ltd", events.get(1).rowName());
        List<StoredEvent> appended = fixture.appended();
        assertEquals(List.of(FIRST_SEQ, FIRST_SEQ + 1), appended.stream().map(StoredEvent::seq).toList());
        assertEquals(events.get(1).id(), appended.get(1).id());
    }

    // An update that changes nothing sends nothing, and has nothing to save
    @Test
    void anUpdateWithIdenticalValuesWritesNothingAndSendsNothing() {
        TableRows result = update(ADMIN, values(acme, "Name", "ACME renewal", "Prio", "+", "Done", false,
                "Amount", 1200.00, "Tags", null), values(globex, "Done", true));

        assertSame(acme, result.rows().get(0));
        assertSame(globex, result.rows().get(1));
        assertNothingWritten();
        verify(fixture.transactions).commit();
    }

    @Test
    void tickingACheckboxIsAModifyRow() {
        update(ADMIN, values(acme, "Done", true));
        // unticked is the empty cell, so the old value is null (the payload shows it as false)
        assertEquals(List.of(new CellChange(DONE, checkbox(true), null)), fixture.encoded().get(0).cells());
        assertEquals(1, fixture.appended().size());
    }

    @Test
    void untickingACheckboxIsAModifyRow() {
        update(ADMIN, values(globex, "Done", false));
        assertEquals(List.of(new CellChange(DONE, null, checkbox(true))), fixture.encoded().get(0).cells());
        assertEquals(1, fixture.appended().size());
    }

    @Test
    void clearingACellIsAModifyRowWithNullValueAndTheOldValue() {
        TableRows result = update(ADMIN, values(acme, "Amount", null, "Prio", ""));
        ChangeEvent event = fixture.encoded().get(0);
        assertEquals(List.of(new CellChange(PRIO, null, option("381993")), new CellChange(AMOUNT, null, number("1200"))),
                event.cells());
        // the unticked checkbox is an empty cell too, so only the name is left
        assertEquals(Map.of(NAME.key(), text("ACME renewal")), result.rows().get(0).cells());
    }

    @Test
    void clearingAnAlreadyEmptyCellIsNoChange() {
        update(ADMIN, values(initech, "Amount", null, "Tags", List.of()));
        assertNothingWritten();
    }

    @Test
    void aMissingRowIsRowNotFoundAndNothingIsWritten() {
        RowId missing = RowId.random();
        BasehookException e = assertThrows(BasehookException.class,
                () -> update(ADMIN, values(acme, "Amount", 1), new RowValues(missing, Map.of("Name", "x"))));
        assertEquals(BasehookException.Kind.NOT_FOUND, e.kind());
        assertEquals("row_not_found", e.code());
        assertNothingWritten();
        verify(fixture.transactions).rollback();
    }

    @Test
    void aBadValueIsInvalidNamingUpdateAndColumnAndNothingIsWritten() {
        BasehookException e = assertThrows(BasehookException.class,
                () -> update(ADMIN, values(acme, "Amount", 1), values(globex, "Amount", "lots", "Tags", List.of("blue"))));
        assertEquals(BasehookException.Kind.INVALID, e.kind());
        List<String> fields = e.errors().stream().map(FieldError::field).sorted().toList();
        assertEquals(List.of("updates[1].values.Amount", "updates[1].values.Tags"), fields);
        assertNothingWritten();
    }

    @Test
    void aBatchOverTheLimitIsRefusedBeforeAnyPortIsTouched() {
        UpdateRowsService limited = fixture.updateRows(new Limits(2, 500, 20, 1000));
        BasehookException e = assertThrows(BasehookException.class, () -> limited.updateRows(new UpdateRowsCommand(ADMIN,
                BASE_ID, TABLE_ID, List.of(values(acme), values(globex), values(initech)))));
        assertEquals(BasehookException.Kind.LIMIT_EXCEEDED, e.kind());
        verifyNoInteractions(fixture.allPorts());
    }

    @Test
    void aReadOnlyTokenIsForbiddenAndATokenOfAnotherBaseFindsNoBase() {
        assertEquals(BasehookException.Kind.FORBIDDEN, assertThrows(BasehookException.class,
                () -> update(VIEWER, values(acme, "Amount", 1))).kind());
        assertEquals(BasehookException.Kind.NOT_FOUND, assertThrows(BasehookException.class,
                () -> update(STRANGER, values(acme, "Amount", 1))).kind());
        verifyNoInteractions(fixture.allPorts());
    }

    @Test
    void theSameRowTwiceInOneBatchIsInvalid() {
        BasehookException e = assertThrows(BasehookException.class,
                () -> update(ADMIN, values(acme, "Amount", 1), values(acme, "Amount", 2)));
        assertEquals("updates[1].id", e.errors().get(0).field());
        verifyNoInteractions(fixture.allPorts());
    }

    @Test
    void tagsChangeIsReportedAsTheWholeNewList() {
        update(ADMIN, values(acme, "Tags", List.of("green", "red")));
        assertEquals(List.of(new CellChange(TAGS, new CellValue.Options(List.of("100002", "100001")),
                null)), fixture.encoded().get(0).cells());
    }
}
