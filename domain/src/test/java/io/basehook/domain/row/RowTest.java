package io.basehook.domain.row;

import io.basehook.domain.access.Actor;
import io.basehook.domain.access.Permission;
import io.basehook.domain.cell.CellValue;
import io.basehook.domain.shared.FieldError;
import io.basehook.domain.table.CellPatch;
import io.basehook.domain.table.Column;
import io.basehook.domain.table.ColumnChange;
import io.basehook.domain.table.ColumnKey;
import io.basehook.domain.table.ColumnType;
import io.basehook.domain.table.OptionSpec;
import io.basehook.domain.table.SampleTables;
import io.basehook.domain.table.Table;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.basehook.domain.table.SampleTables.AMOUNT;
import static io.basehook.domain.table.SampleTables.BASE;
import static io.basehook.domain.table.SampleTables.DONE;
import static io.basehook.domain.table.SampleTables.DUE;
import static io.basehook.domain.table.SampleTables.NAME;
import static io.basehook.domain.table.SampleTables.PRIO;
import static io.basehook.domain.table.SampleTables.TABLE;
import static io.basehook.domain.table.SampleTables.TAGS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowTest {

    private static final Instant T1 = Instant.parse("2026-11-27T14:30:00.589Z");
    private static final Instant T2 = Instant.parse("2026-11-28T09:00:00.001Z");
    private static final Actor BOT = Actor.token("ci-bot", BASE, Permission.READ_WRITE);

    private final Table table = SampleTables.opportunities();

    private CellPatch values(Object... nameValuePairs) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            values.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
        }
        List<FieldError> errors = new ArrayList<>();
        CellPatch patch = table.parseValues(values, "", errors);
        assertEquals(List.of(), errors);
        return patch;
    }

    private Row acme() {
        return Row.create(table, values("Name", "ACME renewal", "Prio", "+", "Done", false, "Amount", 1200,
                "Tags", List.of("red")), Actor.admin(), T1).row();
    }

    private static CellChange change(Column column, CellValue value, CellValue oldValue) {
        return new CellChange(column, value, oldValue);
    }

    @Nested
    class Create {

        @Test
        void givesOneInsertRowEventWithEveryNonEmptyCellInColumnOrder() {
            Row.Created created = Row.create(table, values("Amount", 1200, "Name", "ACME renewal", "Prio", "++",
                    "Done", false, "Due", null, "Mail", ""), Actor.admin(), T1);
            ChangeEvent event = created.event();
            assertEquals(OpType.INSERT_ROW, event.type());
            assertEquals(List.of(
                    change(NAME, new CellValue.Text("ACME renewal"), null),
                    change(PRIO, new CellValue.Option("381992"), null),
                    change(AMOUNT, new CellValue.Number(new BigDecimal("1200")), null)), event.cells());
        }

        @Test
        void theEventDescribesTheRowTableBaseTimeAndActor() {
            Row.Created created = Row.create(table, values("Name", "ACME renewal"), Actor.admin(), T1);
            ChangeEvent event = created.event();
            assertEquals(created.row().id(), event.rowId());
            assertEquals(BASE, event.baseId());
            assertEquals(TABLE, event.tableId());
            assertEquals("Opportunities", event.tableName());
            assertEquals("ACME renewal", event.rowName());
            assertEquals(T1, event.occurredAt());
            assertEquals(T1.toEpochMilli(), EventIdTest.decodeTime(event.id().value()));
            assertEquals("admin", event.opUser());
            assertNull(event.opApp());
        }

        @Test
        void theRowHasANewIdAndBothTimesSetToNow() {
            Row row = Row.create(table, values("Name", "ACME"), Actor.admin(), T1).row();
            assertTrue(row.id().value().matches("[A-Za-z0-9_-]{22}"));
            assertEquals(TABLE, row.tableId());
            assertEquals(T1, row.createdAt());
            assertEquals(T1, row.updatedAt());
            assertEquals(Map.of(NAME.key(), new CellValue.Text("ACME")), row.cells());
        }

        @Test
        void aTokenIsNamedAsOpUserAndOpApp() {
            ChangeEvent event = Row.create(table, values("Name", "ACME"), BOT, T1).event();
            assertEquals("token:ci-bot", event.opUser());
            assertEquals("ci-bot", event.opApp());
        }

        @Test
        void anEmptyRowStillGivesAnEventWithAnEmptyName() {
            ChangeEvent event = Row.create(table, values(), Actor.admin(), T1).event();
            assertEquals(OpType.INSERT_ROW, event.type());
            assertEquals(List.of(), event.cells());
            assertEquals("", event.rowName());
        }
    }

    @Nested
    class Update {

        @Test
        void givesOneModifyRowEventWithOnlyTheChangedCellsAndTheirOldValues() {
            Row row = acme();
            Row.Updated updated = row.update(table, values("Prio", "++", "Name", "ACME renewal", "Amount", 1500.0),
                    BOT, T2);
            ChangeEvent event = updated.event().orElseThrow();
            assertEquals(OpType.MODIFY_ROW, event.type());
            assertEquals(List.of(
                    change(PRIO, new CellValue.Option("381992"), new CellValue.Option("381993")),
                    change(AMOUNT, new CellValue.Number(new BigDecimal("1500")), new CellValue.Number(new BigDecimal("1200")))),
                    event.cells());
            assertEquals(row.id(), event.rowId());
            assertEquals("token:ci-bot", event.opUser());
            assertEquals(T2, event.occurredAt());
        }

        @Test
        void theUpdatedRowKeepsItsIdAndCreationTimeAndUntouchedCells() {
            Row row = acme();
            Row updated = row.update(table, values("Prio", "++"), BOT, T2).row();
            assertEquals(row.id(), updated.id());
            assertEquals(T1, updated.createdAt());
            assertEquals(T2, updated.updatedAt());
            assertEquals(row.cells().get(TAGS.key()), updated.cells().get(TAGS.key()));
            assertEquals(new CellValue.Option("381992"), updated.cells().get(PRIO.key()));
        }

        @Test
        void tickingACheckboxIsAChange() {
            ChangeEvent event = acme().update(table, values("Done", true), BOT, T2).event().orElseThrow();
            // an unticked box is the empty cell: false and null are one state (docs/adr/0018-cell-values.md)
            assertEquals(List.of(change(DONE, new CellValue.Checkbox(true), null)), event.cells());
        }

        @Test
        void untickingACheckboxIsAChange() {
            Row ticked = acme().update(table, values("Done", true), BOT, T2).row();
            ChangeEvent event = ticked.update(table, values("Done", false), BOT, T2).event().orElseThrow();
            assertEquals(List.of(change(DONE, null, new CellValue.Checkbox(true))), event.cells());
        }

        @Test
        void clearingACellGivesNullAsValueAndTheOldValue() {
            Row.Updated updated = acme().update(table, values("Amount", null, "Tags", List.of()), BOT, T2);
            ChangeEvent event = updated.event().orElseThrow();
            assertEquals(List.of(
                    change(TAGS, null, new CellValue.Options(List.of("100001"))),
                    change(AMOUNT, null, new CellValue.Number(new BigDecimal("1200")))), event.cells());
            assertFalse(updated.row().cells().containsKey(AMOUNT.key()));
            assertFalse(updated.row().cells().containsKey(TAGS.key()));
        }

        @Test
        void settingAnEmptyCellGivesNullAsOldValue() {
            ChangeEvent event = acme().update(table, values("Due", "2026-11-27"), BOT, T2).event().orElseThrow();
            assertEquals(List.of(change(DUE, new CellValue.Date("2026-11-27"), null)), event.cells());
        }

        // An update that changes nothing sends nothing, and nothing needs saving
        @Test
        void anUpdateThatChangesNothingGivesNoEventAndTheSameRow() {
            Row row = acme();
            Row.Updated updated = row.update(table, values("Name", "ACME renewal", "Prio", "+", "Done", false,
                    "Amount", 1200.0, "Tags", List.of("red"), "Due", null, "Mail", ""), BOT, T2);
            assertEquals(Optional.empty(), updated.event());
            assertSame(row, updated.row());
            assertEquals(T1, updated.row().updatedAt());
        }

        @Test
        void anEmptyPatchChangesNothing() {
            Row row = acme();
            assertSame(row, row.update(table, values(), BOT, T2).row());
        }

        @Test
        void theEventNamesTheRowByItsNewName() {
            ChangeEvent event = acme().update(table, values("Name", "ACME 2027"), BOT, T2).event().orElseThrow();
            assertEquals("ACME 2027", event.rowName());
        }
    }

    @Nested
    class Delete {

        @Test
        void givesOneDeleteRowEventWithEveryNonEmptyCellAsOldValue() {
            Row row = acme();
            ChangeEvent event = row.delete(table, BOT, T2);
            assertEquals(OpType.DELETE_ROW, event.type());
            assertEquals(row.id(), event.rowId());
            assertEquals("ACME renewal", event.rowName());
            assertEquals(List.of(
                    change(NAME, null, new CellValue.Text("ACME renewal")),
                    change(PRIO, null, new CellValue.Option("381993")),
                    change(TAGS, null, new CellValue.Options(List.of("100001"))),
                    change(AMOUNT, null, new CellValue.Number(new BigDecimal("1200")))), event.cells());
            assertEquals("token:ci-bot", event.opUser());
            assertEquals(T2, event.occurredAt());
        }

        // a deleted column's cells may linger in storage; they are no longer part of the table's content
        @Test
        void cellsOfColumnsTheTableNoLongerHasAreLeftOut() {
            Row row = Row.restore(RowId.random(), TABLE, Map.of(NAME.key(), new CellValue.Text("x"),
                    new ColumnKey("gone"), new CellValue.Text("y")), T1, T1);
            assertEquals(List.of(change(NAME, null, new CellValue.Text("x"))), row.delete(table, BOT, T2).cells());
        }
    }

    @Nested
    class AdoptedTo {

        @Test
        void convertsTheCellWithoutTouchingUpdatedAt() {
            Row row = acme();
            ColumnChange change = table.changeColumn(AMOUNT.key(), null, ColumnType.TEXT, null);
            Row adopted = row.adoptedTo(change).orElseThrow();
            assertEquals(new CellValue.Text("1200"), adopted.cells().get(AMOUNT.key()));
            assertEquals(row.updatedAt(), adopted.updatedAt());
            assertEquals(row.id(), adopted.id());
        }

        @Test
        void clearsACellTheNewTypeCannotHold() {
            Row row = acme();
            ColumnChange change = table.changeColumn(AMOUNT.key(), null, ColumnType.DATE, null);
            assertFalse(row.adoptedTo(change).orElseThrow().cells().containsKey(AMOUNT.key()));
        }

        @Test
        void isEmptyWhenTheCellNeedsNoChange() {
            Row row = acme();
            ColumnChange addOption = table.changeColumn(PRIO.key(), null, null, List.of(new OptionSpec(null, "++", null),
                    new OptionSpec(null, "+", null), new OptionSpec(null, "-", null), new OptionSpec(null, "new", null)));
            assertEquals(Optional.empty(), row.adoptedTo(addOption));
            // an empty cell stays empty whatever the new type
            assertEquals(Optional.empty(), row.adoptedTo(table.changeColumn(DUE.key(), null, ColumnType.TEXT, null)));
        }
    }

    @Test
    void aCellChangeMustChangeSomething() {
        assertThrows(IllegalArgumentException.class, () -> new CellChange(NAME, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new CellChange(AMOUNT, new CellValue.Number(BigDecimal.ONE), new CellValue.Number(new BigDecimal("1.0"))));
    }

    @Test
    void rowsKeepTheirOwnCopyOfTheCells() {
        Map<ColumnKey, CellValue> cells = new HashMap<>(Map.of(NAME.key(), new CellValue.Text("x")));
        Row row = Row.restore(RowId.random(), TABLE, cells, T1, T1);
        cells.clear();
        assertEquals(1, row.cells().size());
        assertThrows(UnsupportedOperationException.class, () -> row.cells().clear());
    }
}
