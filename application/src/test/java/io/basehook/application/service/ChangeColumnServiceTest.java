package io.basehook.application.service;

import io.basehook.application.port.in.ChangeColumnCommand;
import io.basehook.application.port.out.RowPage;
import io.basehook.domain.cell.CellValue;
import io.basehook.domain.row.Row;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.table.Column;
import io.basehook.domain.table.ColumnType;
import io.basehook.domain.table.OptionSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

import java.util.List;
import java.util.Map;

import static io.basehook.application.service.Fixture.ADMIN;
import static io.basehook.application.service.Fixture.AMOUNT;
import static io.basehook.application.service.Fixture.BASE_ID;
import static io.basehook.application.service.Fixture.CREATED;
import static io.basehook.application.service.Fixture.NAME;
import static io.basehook.application.service.Fixture.PRIO;
import static io.basehook.application.service.Fixture.TABLE_ID;
import static io.basehook.application.service.Fixture.TAGS;
import static io.basehook.application.service.Fixture.VIEWER;
import static io.basehook.application.service.Fixture.number;
import static io.basehook.application.service.Fixture.option;
import static io.basehook.application.service.Fixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * Retyping a column or changing its options rewrites the cells that no longer fit through
 * {@code RowRepository.updateAll}, and sends no event: it is a change of structure.
 * The service has no outbox in its constructor; the mocks prove nothing reaches one anyway.
 */
class ChangeColumnServiceTest {

    private final Fixture fixture = new Fixture();
    private final ChangeColumnService service = new ChangeColumnService(fixture.lookup, fixture.tables, fixture.rows,
            fixture.transactions);

    private final Row whole = fixture.givenRow(NAME, text("a"), AMOUNT, number("1200"), PRIO, option("381992"));
    private final Row empty = fixture.givenRow(NAME, text("b"));
    private final Row fraction = fixture.givenRow(NAME, text("c"), AMOUNT, number("12.5"), PRIO, option("381993"),
            TAGS, new CellValue.Options(List.of("100001", "100002")));

    ChangeColumnServiceTest() {
        // two pages, so the rewrite must follow the cursor
        when(fixture.rows.page(BASE_ID, TABLE_ID, 500, Limits.DEFAULT_PAGE_BYTES, null)).thenReturn(new RowPage(List.of(whole, empty), "page-2"));
        when(fixture.rows.page(BASE_ID, TABLE_ID, 500, Limits.DEFAULT_PAGE_BYTES, "page-2")).thenReturn(new RowPage(List.of(fraction), null));
    }

    @AfterEach
    void noChangeEventWhatsoever() {
        verifyNoInteractions(fixture.outbox, fixture.encoder);
    }

    private Column change(String name, ColumnType type, List<OptionSpec> options, Column column) {
        return service.changeColumn(new ChangeColumnCommand(ADMIN, BASE_ID, TABLE_ID, column.key(), name, type, options));
    }

    @SuppressWarnings("unchecked")
    private List<List<Row>> rewrittenBatches(int batches) {
        ArgumentCaptor<List<Row>> captor = ArgumentCaptor.forClass(List.class);
        verify(fixture.rows, times(batches)).updateAll(eq(BASE_ID), captor.capture());
        return captor.getAllValues();
    }

    @Test
    void retypingNumberToTextConvertsEveryFilledCellPageByPage() {
        Column after = change(null, ColumnType.TEXT, null, AMOUNT);

        assertEquals(ColumnType.TEXT, after.type());
        InOrder order = inOrder(fixture.transactions, fixture.bases, fixture.tables, fixture.rows);
        order.verify(fixture.transactions).inTransaction(any());
        order.verify(fixture.bases).lockById(BASE_ID);
        order.verify(fixture.tables).update(fixture.table);
        order.verify(fixture.rows).page(BASE_ID, TABLE_ID, 500, Limits.DEFAULT_PAGE_BYTES, null);
        order.verify(fixture.rows).updateAll(eq(BASE_ID), anyList());
        order.verify(fixture.rows).page(BASE_ID, TABLE_ID, 500, Limits.DEFAULT_PAGE_BYTES, "page-2");
        order.verify(fixture.rows).updateAll(eq(BASE_ID), anyList());
        order.verify(fixture.transactions).commit();

        List<List<Row>> batches = rewrittenBatches(2);
        Row first = batches.get(0).get(0);
        assertEquals(1, batches.get(0).size(), "a row with an empty cell needs no rewrite");
        assertEquals(whole.id(), first.id());
        assertEquals(text("1200"), first.cells().get(AMOUNT.key()));
        assertEquals(text("12.5"), batches.get(1).get(0).cells().get(AMOUNT.key()));
        // a structure change is not an edit of the row
        assertEquals(CREATED, first.updatedAt());
        assertEquals(whole.cells().get(PRIO.key()), first.cells().get(PRIO.key()));
    }

    @Test
    void retypingToATypeTheValuesDoNotFitClearsTheCells() {
        change(null, ColumnType.CHECKBOX, null, AMOUNT);
        List<List<Row>> batches = rewrittenBatches(2);
        assertEquals(Map.of(NAME.key(), text("a"), PRIO.key(), option("381992")), batches.get(0).get(0).cells());
        assertFalse(batches.get(1).get(0).cells().containsKey(AMOUNT.key()));
    }

    @Test
    void removingAnOptionClearsOnlyTheCellsThatHeldIt() {
        change(null, null, List.of(new OptionSpec(null, "+", null)), PRIO);
        List<List<Row>> batches = rewrittenBatches(1);
        assertEquals(1, batches.get(0).size());
        assertEquals(whole.id(), batches.get(0).get(0).id());
        assertFalse(batches.get(0).get(0).cells().containsKey(PRIO.key()));
    }

    @Test
    void renamingAnOptionRewritesNoRowSinceCellsHoldIds() {
        Column after = change(null, null, List.of(new OptionSpec("381992", "urgent", null), new OptionSpec("381993", "+", null)),
                PRIO);
        assertEquals("urgent", after.options().get(0).name());
        verify(fixture.rows, never()).updateAll(any(), anyList());
        verify(fixture.rows, times(2)).page(eq(BASE_ID), eq(TABLE_ID), anyInt(), anyLong(), any());
    }

    @Test
    void singleToMultipleSelectKeepsTheChoice() {
        change(null, ColumnType.MULTIPLE_SELECT, null, PRIO);
        List<List<Row>> batches = rewrittenBatches(2);
        assertEquals(new CellValue.Options(List.of("381992")), batches.get(0).get(0).cells().get(PRIO.key()));
        assertEquals(new CellValue.Options(List.of("381993")), batches.get(1).get(0).cells().get(PRIO.key()));
    }

    @Test
    void multipleSelectToTextKeepsTheNames() {
        change(null, ColumnType.TEXT, null, TAGS);
        List<List<Row>> batches = rewrittenBatches(1);
        assertEquals(text("red, green"), batches.get(0).get(0).cells().get(TAGS.key()));
    }

    @Test
    void aReadOnlyTokenMayNotChangeAColumn() {
        BasehookException e = assertThrows(BasehookException.class, () -> service.changeColumn(
                new ChangeColumnCommand(VIEWER, BASE_ID, TABLE_ID, AMOUNT.key(), null, ColumnType.TEXT, null)));
        assertEquals(BasehookException.Kind.FORBIDDEN, e.kind());
        verifyNoInteractions(fixture.allPorts());
    }

    @Test
    void aTakenNameIsAConflictAndNothingIsRewritten() {
        BasehookException e = assertThrows(BasehookException.class, () -> change("Name", ColumnType.TEXT, null, AMOUNT));
        assertEquals(BasehookException.Kind.CONFLICT, e.kind());
        verify(fixture.tables, never()).update(any());
        verify(fixture.rows, never()).updateAll(any(), anyList());
        verify(fixture.transactions).rollback();
    }
}
