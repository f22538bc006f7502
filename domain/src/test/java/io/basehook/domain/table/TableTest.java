package io.basehook.domain.table;

import io.basehook.domain.cell.CellValue;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.shared.FieldError;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.basehook.domain.table.SampleTables.AMOUNT;
import static io.basehook.domain.table.SampleTables.BASE;
import static io.basehook.domain.table.SampleTables.CREATED;
import static io.basehook.domain.table.SampleTables.DONE;
import static io.basehook.domain.table.SampleTables.NAME;
import static io.basehook.domain.table.SampleTables.PRIO;
import static io.basehook.domain.table.SampleTables.TAGS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableTest {

    private static final int MAX_COLUMNS = 500;

    private static ColumnSpec text(String name) {
        return new ColumnSpec(name, ColumnType.TEXT, List.of());
    }

    private static Table create(List<ColumnSpec> specs, int maxColumns) {
        return Table.create(BASE, "Opportunities", specs, Set.of(), maxColumns, CREATED);
    }

    @Nested
    class Create {

        @Test
        void withoutColumnsTheTableGetsOneTextColumnName() {
            Table table = Table.create(BASE, "  Opportunities ", null, Set.of(), MAX_COLUMNS, CREATED);
            assertEquals("Opportunities", table.name());
            assertEquals(BASE, table.baseId());
            assertEquals(CREATED, table.createdAt());
            assertTrue(table.id().value().matches("[A-Za-z0-9]{4}"));
            assertEquals(1, table.columns().size());
            assertEquals("Name", table.primaryColumn().name());
            assertEquals(ColumnType.TEXT, table.primaryColumn().type());
            assertEquals("Name", create(List.of(), MAX_COLUMNS).primaryColumn().name());
        }

        @Test
        void keepsTheColumnsInOrderWithDistinctKeysAndGivesNewOptionsIds() {
            Table table = create(List.of(text("Title"), new ColumnSpec("Prio", ColumnType.SINGLE_SELECT, List.of(
                    new OptionSpec(null, "high", "#F4667C"), new OptionSpec(null, "low", null))),
                    new ColumnSpec("Done", ColumnType.CHECKBOX, null)), MAX_COLUMNS);
            assertEquals(List.of("Title", "Prio", "Done"), table.columns().stream().map(Column::name).toList());
            assertEquals(3, table.columns().stream().map(Column::key).collect(Collectors.toSet()).size());
            List<SelectOption> options = table.columns().get(1).options();
            assertEquals(List.of("high", "low"), options.stream().map(SelectOption::name).toList());
            assertTrue(options.stream().allMatch(option -> option.id().matches("[1-9][0-9]{5}")), options::toString);
            assertNotEquals(options.get(0).id(), options.get(1).id());
            assertEquals("#F4667C", options.get(0).color());
            assertEquals(SelectOption.DEFAULT_COLOR, options.get(1).color());
        }

        @Test
        void aColumnNameUsedTwiceIsAConflictNamingTheSpec() {
            BasehookException e = assertThrows(BasehookException.class,
                    () -> create(List.of(text("Title"), text(" Title ")), MAX_COLUMNS));
            assertEquals(BasehookException.Kind.CONFLICT, e.kind());
            assertEquals("column_name_taken", e.code());
            assertEquals("columns[1].name", e.errors().get(0).field());
        }

        @Test
        void anInvalidSpecIsNamedByItsIndex() {
            BasehookException e = assertThrows(BasehookException.class,
                    () -> create(List.of(text("Title"), text(""), text("Other")), MAX_COLUMNS));
            assertEquals(BasehookException.Kind.INVALID, e.kind());
            assertEquals("columns[1].name", e.errors().get(0).field());
        }

        @Test
        void moreColumnsThanTheLimitAreRefused() {
            List<ColumnSpec> specs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                specs.add(text("c" + i));
            }
            assertEquals(3, create(specs.subList(0, 3), 3).columns().size());
            BasehookException e = assertThrows(BasehookException.class, () -> create(specs, 3));
            assertEquals(BasehookException.Kind.LIMIT_EXCEEDED, e.kind());
            assertEquals("too_many_columns", e.code());
        }

        @Test
        void optionsOnANonSelectColumnAreInvalid() {
            BasehookException e = assertThrows(BasehookException.class, () -> create(List.of(
                    new ColumnSpec("Title", ColumnType.TEXT, List.of(new OptionSpec(null, "a", null)))), MAX_COLUMNS));
            assertEquals("invalid_option", e.code());
        }
    }

    @Nested
    class Columns {

        @Test
        void addColumnAppendsWithAFreshKey() {
            Table table = SampleTables.opportunities();
            Column added = table.addColumn(text("Owner"), MAX_COLUMNS);
            assertEquals(added, table.columns().get(table.columns().size() - 1));
            assertTrue(SampleTables.ALL.stream().noneMatch(column -> column.key().equals(added.key())));
            assertEquals(added, table.column(added.key()));
        }

        @Test
        void addColumnRefusesATakenNameEvenWithSpacesAround() {
            Table table = SampleTables.opportunities();
            BasehookException e = assertThrows(BasehookException.class, () -> table.addColumn(text(" Prio "), MAX_COLUMNS));
            assertEquals("column_name_taken", e.code());
            assertEquals("name", e.errors().get(0).field());
            assertEquals(SampleTables.ALL, table.columns());
        }

        @Test
        void addColumnRefusesTheColumnOverTheLimit() {
            Table table = SampleTables.opportunities();
            BasehookException e = assertThrows(BasehookException.class,
                    () -> table.addColumn(text("Owner"), SampleTables.ALL.size()));
            assertEquals(BasehookException.Kind.LIMIT_EXCEEDED, e.kind());
            assertEquals(SampleTables.ALL.size(), table.columns().size());
        }

        @Test
        void columnNamesAreCaseSensitive() {
            Table table = SampleTables.opportunities();
            assertEquals("prio", table.addColumn(text("prio"), MAX_COLUMNS).name());
        }

        @Test
        void thePrimaryColumnCannotBeDeleted() {
            Table table = SampleTables.opportunities();
            BasehookException e = assertThrows(BasehookException.class, () -> table.deleteColumn(NAME.key()));
            assertEquals(BasehookException.Kind.CONFLICT, e.kind());
            assertEquals("primary_column", e.code());
            assertEquals(NAME, table.primaryColumn());
        }

        @Test
        void anotherColumnIsDeletedAndItsKeyNoLongerFound() {
            Table table = SampleTables.opportunities();
            assertEquals(PRIO, table.deleteColumn(PRIO.key()));
            assertFalse(table.findColumn(PRIO.key()).isPresent());
            BasehookException e = assertThrows(BasehookException.class, () -> table.deleteColumn(PRIO.key()));
            assertEquals("column_not_found", e.code());
        }

        @Test
        void columnsCannotBeChangedThroughTheList() {
            Table table = SampleTables.opportunities();
            assertThrows(UnsupportedOperationException.class, () -> table.columns().clear());
        }

        @Test
        void renameKeepsTheTableAndRefusesABlankName() {
            Table table = SampleTables.opportunities();
            table.rename(" Deals ");
            assertEquals("Deals", table.name());
            assertThrows(BasehookException.class, () -> table.rename(" "));
            assertEquals("Deals", table.name());
        }
    }

    @Nested
    class ChangeColumn {

        @Test
        void renameKeepsKeyTypeAndOptions() {
            Table table = SampleTables.opportunities();
            ColumnChange change = table.changeColumn(PRIO.key(), "Priority", null, null);
            assertEquals(PRIO, change.before());
            assertEquals(new Column(PRIO.key(), "Priority", ColumnType.SINGLE_SELECT, PRIO.options()), change.after());
            assertFalse(change.affectsCells());
            assertEquals(change.after(), table.column(PRIO.key()));
            assertEquals(1, table.columns().indexOf(change.after()));
        }

        @Test
        void renameToATakenNameIsAConflictButKeepingItsOwnNameIsFine() {
            Table table = SampleTables.opportunities();
            assertThrows(BasehookException.class, () -> table.changeColumn(PRIO.key(), "Tags", null, null));
            assertEquals("Prio", table.changeColumn(PRIO.key(), "Prio", null, null).after().name());
        }

        // cells hold option ids: resending options by name must not orphan the cells that use them
        @Test
        void optionsResentByNameKeepTheirIdsAndNewOnesGetUnusedIds() {
            Table table = SampleTables.opportunities();
            ColumnChange change = table.changeColumn(PRIO.key(), null, null, List.of(
                    new OptionSpec(null, "+", null), new OptionSpec(null, "++", "#000000"), new OptionSpec(null, "new", null)));
            List<SelectOption> options = change.after().options();
            assertEquals("381993", options.get(0).id());
            assertEquals("381992", options.get(1).id());
            assertEquals("#000000", options.get(1).color());
            // "-" (381994) was dropped: its id must not come back for another option
            assertFalse(Set.of("381992", "381993", "381994").contains(options.get(2).id()));
            assertTrue(change.affectsCells());
        }

        @Test
        void anOptionRenamedByIdKeepsItsId() {
            Table table = SampleTables.opportunities();
            ColumnChange change = table.changeColumn(PRIO.key(), null, null, List.of(new OptionSpec("381992", "urgent", null)));
            assertEquals(List.of(new SelectOption("381992", "urgent", null)), change.after().options());
        }

        @Test
        void retypeToTextDropsTheOptions() {
            Table table = SampleTables.opportunities();
            ColumnChange change = table.changeColumn(PRIO.key(), null, ColumnType.TEXT, null);
            assertEquals(ColumnType.TEXT, change.after().type());
            assertEquals(List.of(), change.after().options());
            assertTrue(change.affectsCells());
        }

        @Test
        void retypeBetweenSelectsKeepsTheOptions() {
            Table table = SampleTables.opportunities();
            ColumnChange change = table.changeColumn(PRIO.key(), null, ColumnType.MULTIPLE_SELECT, null);
            assertEquals(PRIO.options(), change.after().options());
        }

        @Test
        void optionsForANonSelectTypeAreInvalidAndChangeNothing() {
            Table table = SampleTables.opportunities();
            BasehookException e = assertThrows(BasehookException.class, () -> table.changeColumn(AMOUNT.key(), null, null,
                    List.of(new OptionSpec(null, "a", null))));
            assertEquals("invalid_option", e.code());
            assertEquals(AMOUNT, table.column(AMOUNT.key()));
        }

        @Test
        void anUnknownKeyIsColumnNotFound() {
            BasehookException e = assertThrows(BasehookException.class,
                    () -> SampleTables.opportunities().changeColumn(new ColumnKey("zzzz"), "x", null, null));
            assertEquals(BasehookException.Kind.NOT_FOUND, e.kind());
        }
    }

    @Nested
    class ParseValues {

        @Test
        void turnsNamesIntoKeysAndNullIntoAClearedCell() {
            Map<String, Object> values = new HashMap<>();
            values.put("Name", "ACME");
            values.put("Prio", "++");
            values.put("Amount", null);
            List<FieldError> errors = new ArrayList<>();
            CellPatch patch = SampleTables.opportunities().parseValues(values, "rows[0]", errors);
            assertEquals(List.of(), errors);
            assertEquals(Map.of(NAME.key(), new CellValue.Text("ACME"), PRIO.key(), new CellValue.Option("381992")), patch.set());
            assertEquals(Set.of(AMOUNT.key()), patch.cleared());
        }

        @Test
        void noValuesIsAnEmptyPatch() {
            CellPatch patch = SampleTables.opportunities().parseValues(null, "rows[0]", new ArrayList<>());
            assertTrue(patch.set().isEmpty());
            assertTrue(patch.cleared().isEmpty());
        }

        // one 400 lists every bad value of the batch, so a client fixes them all in one round
        @Test
        void collectsEveryErrorNamedByRowAndColumn() {
            Table table = SampleTables.opportunities();
            List<FieldError> errors = new ArrayList<>();
            table.parseValues(Map.of("Name", "ok"), "rows[0]", errors);
            Map<String, Object> second = new LinkedHashMap<>();
            second.put("Prio", "+++");
            second.put("Done", "yes");
            second.put("Nope", 1);
            table.parseValues(second, "rows[2]", errors);
            table.parseValues(Map.of("Amount", Double.NaN), "updates[3].values", errors);
            assertEquals(List.of("rows[2].Prio", "rows[2].Done", "rows[2].Nope", "updates[3].values.Amount"),
                    errors.stream().map(FieldError::field).toList());
            assertTrue(errors.get(2).message().contains("'Nope'"), errors.get(2).message());
        }

        @Test
        void aValidValueBesideAnInvalidOneIsStillParsed() {
            List<FieldError> errors = new ArrayList<>();
            CellPatch patch = SampleTables.opportunities().parseValues(Map.of("Name", "ACME", "Done", 1), "rows[0]", errors);
            assertEquals(1, errors.size());
            assertEquals(Map.of(NAME.key(), new CellValue.Text("ACME")), patch.set());
        }
    }

    @Nested
    class RowName {

        @Test
        void isThePrimaryCellAsTextOrEmpty() {
            Table table = SampleTables.opportunities();
            assertEquals("ACME renewal", table.rowName(Map.of(NAME.key(), new CellValue.Text("ACME renewal"),
                    DONE.key(), new CellValue.Checkbox(true))));
            assertEquals("", table.rowName(Map.of(DONE.key(), new CellValue.Checkbox(true))));
        }

        @Test
        void aNonTextPrimaryColumnIsShownAsText() {
            Table numbered = Table.restore(SampleTables.TABLE, BASE, "Numbers", List.of(AMOUNT, NAME), CREATED);
            assertEquals("1200", numbered.rowName(Map.of(AMOUNT.key(), new CellValue.Number(new BigDecimal("1.2E+3")))));
            Table tagged = Table.restore(SampleTables.TABLE, BASE, "Tagged", List.of(TAGS), CREATED);
            assertEquals("green, red", tagged.rowName(Map.of(TAGS.key(), new CellValue.Options(List.of("100002", "100001")))));
        }
    }
}
