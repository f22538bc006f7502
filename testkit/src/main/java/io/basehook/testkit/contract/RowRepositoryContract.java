package io.basehook.testkit.contract;

import io.basehook.application.port.out.RowPage;
import io.basehook.application.port.out.RowRepository;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.cell.CellValue;
import io.basehook.domain.row.Row;
import io.basehook.domain.row.RowId;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.table.ColumnKey;
import io.basehook.domain.table.Table;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link RowRepository}: cells of every kind read back equal, to the last digit; a row is its table's and base's
 * only; updates keep {@code createdAt}; deletes count the rows that existed; pages follow insertion order, end at the
 * limit or with the row whose cells' UTF-8 bytes pass the budget (at least one row), and their cursor keeps its place
 * when rows are deleted or added meanwhile; a malformed cursor is {@code invalid_cursor}; dropping a column's cells
 * leaves every other cell and {@code updatedAt}.
 */
public interface RowRepositoryContract extends StoreFixture {

    @Test
    default void cellsOfEveryKindReadBackEqual() {
        Table table = newTable(newBase().id(), "Deals");
        List<Map<ColumnKey, CellValue>> variants = List.of(
                cells(table, "Name", new CellValue.Text("ACME \"renewal\" \\ ✓ 😀 \n line"),
                        "Amount", new CellValue.Number(new BigDecimal("0.1")), "Won", new CellValue.Checkbox(true),
                        "Close", new CellValue.Date("2026-11-27"), "Prio", new CellValue.Option("381992"),
                        "Tags", new CellValue.Options(List.of("2", "1"))),
                cells(table, "Amount", new CellValue.Number(new BigDecimal("12345678901234567890.123456789")),
                        "Close", new CellValue.Date("2026-11-27T14:30")),
                cells(table, "Amount", new CellValue.Number(new BigDecimal("-7")),
                        "Tags", new CellValue.Options(List.of("381992"))),
                cells(table));
        Instant updated = T0.plusMillis(1001);
        List<Row> written = insertRows(table, variants.stream()
                .map(cells -> Row.restore(RowId.random(), table.id(), cells, T0, updated)).toList());

        Map<RowId, Row> read = rows().findByIds(table.baseId(), table.id(), ids(written));

        for (Row row : written) {
            assertEquals(row.cells(), read.get(row.id()).cells());
            assertEquals(T0, read.get(row.id()).createdAt());
            assertEquals(updated, read.get(row.id()).updatedAt());
        }
        CellValue big = read.get(written.get(1).id()).cells().get(key(table, "Amount"));
        assertEquals("12345678901234567890.123456789", ((CellValue.Number) big).value().toPlainString());
    }

    @Test
    default void rowsOfSeveralBasesInsertTogetherEachUnderItsOwnBaseAndTable() {
        Table table = newTable(newBase().id(), "Deals");
        Table other = newTable(newBase().id(), "Deals");
        Table sibling = newTable(table.baseId(), "Leads");
        Row here = row(table, "here");
        Row there = row(other, "there");
        List<RowId> both = List.of(here.id(), there.id());

        transactions().inTransaction(() -> {
            bases().lockAvailable(List.of(table.baseId(), other.baseId()));
            rows().insertAll(Map.of(table.baseId(), List.of(here), other.baseId(), List.of(there)));
            return null;
        });

        assertEquals(Set.of(here.id()), rows().findByIds(table.baseId(), table.id(), both).keySet());
        assertEquals(there.cells(), rows().findByIds(other.baseId(), other.id(), both).get(there.id()).cells());
        assertEquals(1, rows().findByIds(other.baseId(), other.id(), both).size());
        assertTrue(rows().findByIds(table.baseId(), sibling.id(), both).isEmpty(), "another table of the base");
    }

    @Test
    default void findByIdsFindsTheRowsThatExistOnce() {
        Table table = newTable(newBase().id(), "Deals");
        List<Row> rows = insertRows(table, List.of(row(table, "a"), row(table, "b")));

        Map<RowId, Row> found = rows().findByIds(table.baseId(), table.id(),
                List.of(rows.get(0).id(), RowId.random(), rows.get(1).id(), rows.get(0).id()));

        assertEquals(Set.copyOf(ids(rows)), found.keySet());
        assertEquals(rows.get(1).cells(), found.get(rows.get(1).id()).cells());
        assertTrue(rows().findByIds(table.baseId(), table.id(), List.of()).isEmpty());
    }

    @Test
    default void anUpdateSavesCellsAndUpdatedAtButNotCreatedAt() {
        Table table = newTable(newBase().id(), "Deals");
        Row row = Row.restore(RowId.random(), table.id(), cells(table, "Name", new CellValue.Text("old"),
                "Won", new CellValue.Checkbox(true)), T0, T0);
        Row untouched = row(table, "untouched");
        insertRows(table, List.of(row, untouched));
        Instant later = T0.plusMillis(1001);
        Row changed = Row.restore(row.id(), table.id(), cells(table, "Name", new CellValue.Text("new"),
                "Amount", new CellValue.Number(new BigDecimal("2.50"))), later, later);

        inLockedBase(table.baseId(), () -> rows().updateAll(table.baseId(), List.of(changed)));

        Map<RowId, Row> read = rows().findByIds(table.baseId(), table.id(), List.of(row.id(), untouched.id()));
        assertEquals(changed.cells(), read.get(row.id()).cells());
        assertEquals(T0, read.get(row.id()).createdAt());
        assertEquals(later, read.get(row.id()).updatedAt());
        assertEquals(untouched.cells(), read.get(untouched.id()).cells());
        assertEquals(T0, read.get(untouched.id()).updatedAt());
    }

    @Test
    default void deleteAllCountsTheRowsThatExistedAndLeavesTheOthers() {
        Table table = newTable(newBase().id(), "Deals");
        List<Row> rows = insertRows(table, List.of(row(table, "a"), row(table, "b"), row(table, "c")));
        BaseId base = table.baseId();

        int deleted = inLockedBase(base, () -> rows().deleteAll(base, table.id(),
                List.of(rows.get(0).id(), RowId.random(), rows.get(1).id(), rows.get(0).id())));

        assertEquals(2, deleted);
        assertEquals(Set.of(rows.get(2).id()), rows().findByIds(base, table.id(), ids(rows)).keySet());
        assertEquals(0, (int) inLockedBase(base, () -> rows().deleteAll(base, table.id(), List.of(rows.get(0).id()))));
        assertEquals(0, (int) inLockedBase(base, () -> rows().deleteAll(base, table.id(), List.of())));
    }

    @Test
    default void pagesFollowInsertionOrderAndTheLastHasNoCursor() {
        Table table = newTable(newBase().id(), "Deals");
        Table other = newTable(table.baseId(), "Other");
        List<Row> inserted = new ArrayList<>();
        for (int batch = 0; batch < 3; batch++) {
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                rows.add(row(table, "row " + batch + "." + i));
            }
            inserted.addAll(insertRows(table, rows));
            insertRows(other, List.of(row(other, "elsewhere " + batch)));
        }

        assertEquals(List.of(ids(inserted.subList(0, 5)), ids(inserted.subList(5, 10)), ids(inserted.subList(10, 12))),
                pages(table, 5, Long.MAX_VALUE));
        assertEquals(List.of(ids(inserted.subList(0, 6)), ids(inserted.subList(6, 12))),
                pages(table, 6, Long.MAX_VALUE), "the last full page has no cursor");
        RowPage empty = rows().page(table.baseId(), newTable(table.baseId(), "Empty").id(), 10, Long.MAX_VALUE, null);
        assertTrue(empty.rows().isEmpty());
        assertNull(empty.nextCursor());
    }

    @Test
    default void aPageEndsWithTheRowWhoseCellBytesTakeItPastTheBudget() {
        Table table = newTable(newBase().id(), "Deals");
        // "é" is one character and two bytes: rows of about 6,000, 6,000, 6,000, 20, 20 and 12,000 bytes
        int[] lengths = {3000, 3000, 3000, 10, 10, 6000};
        List<Row> inserted = new ArrayList<>();
        for (int length : lengths) {
            inserted.add(row(table, "é".repeat(length)));
        }
        insertRows(table, inserted);
        List<RowId> ids = ids(inserted);

        assertEquals(List.of(ids.subList(0, 2), ids.subList(2, 6)), pages(table, 1000, 10_000),
                "counted in characters, the first page would take the third row too");
        assertEquals(ids.stream().map(List::of).toList(), pages(table, 1000, 1), "at least one row a page");
        assertEquals(List.of(ids.subList(0, 2), ids.subList(2, 4), ids.subList(4, 6)), pages(table, 2, 1_000_000),
                "the count still bounds");
    }

    @Test
    default void aCursorKeepsItsPlaceWhenRowsAreDeletedOrAddedMeanwhile() {
        Table table = newTable(newBase().id(), "Deals");
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rows.add(row(table, "r" + i));
        }
        insertRows(table, rows);
        RowPage first = rows().page(table.baseId(), table.id(), 3, Long.MAX_VALUE, null);
        assertEquals(ids(rows.subList(0, 3)), ids(first.rows()));
        assertNotNull(first.nextCursor());

        inLockedBase(table.baseId(), () -> rows().deleteAll(table.baseId(), table.id(),
                List.of(rows.get(0).id(), rows.get(2).id(), rows.get(3).id())));
        Row added = insertRows(table, List.of(row(table, "added"))).get(0);

        RowPage second = rows().page(table.baseId(), table.id(), 3, Long.MAX_VALUE, first.nextCursor());
        assertEquals(List.of(rows.get(4).id(), rows.get(5).id(), added.id()), ids(second.rows()));
    }

    @Test
    default void aMalformedCursorIsInvalidCursor() {
        Table table = newTable(newBase().id(), "Deals");
        insertRows(table, List.of(row(table, "a")));

        for (String cursor : List.of("", "not a cursor!", "AAAAAAAAAAA", "AAAA", "MTIzNDU2Nzg5MDEyMzQ1Njc4OTA")) {
            BasehookException rejected = assertThrows(BasehookException.class,
                    () -> rows().page(table.baseId(), table.id(), 10, Long.MAX_VALUE, cursor), cursor);
            assertEquals("invalid_cursor", rejected.code(), cursor);
            assertEquals(BasehookException.Kind.INVALID, rejected.kind());
        }
    }

    @Test
    default void removingAColumnsCellsLeavesEveryOtherCellAndUpdatedAt() {
        Table table = newTable(newBase().id(), "Deals");
        ColumnKey amount = key(table, "Amount");
        Row withIt = Row.restore(RowId.random(), table.id(), cells(table, "Name", new CellValue.Text("a"),
                "Amount", new CellValue.Number(new BigDecimal("0.1"))), T0, T0);
        // text that spells the key as JSON must not fool a store into dropping anything else
        Row mentioningIt = row(table, "\"" + amount.value() + "\":1");
        Row withoutIt = row(table, "c");
        Table other = newTable(table.baseId(), "Other");
        Row ofOtherTable = Row.restore(RowId.random(), other.id(),
                cells(other, "Amount", new CellValue.Number(BigDecimal.ONE)), T0, T0);
        insertRows(table, List.of(withIt, mentioningIt, withoutIt));
        insertRows(other, List.of(ofOtherTable));

        inLockedBase(table.baseId(), () -> rows().removeCells(table.baseId(), table.id(), amount));

        Map<RowId, Row> read = rows().findByIds(table.baseId(), table.id(), ids(List.of(withIt, mentioningIt,
                withoutIt)));
        assertEquals(cells(table, "Name", new CellValue.Text("a")), read.get(withIt.id()).cells());
        assertEquals(T0, read.get(withIt.id()).updatedAt());
        assertEquals(mentioningIt.cells(), read.get(mentioningIt.id()).cells());
        assertEquals(withoutIt.cells(), read.get(withoutIt.id()).cells());
        assertEquals(ofOtherTable.cells(), rows().findByIds(other.baseId(), other.id(), List.of(ofOtherTable.id()))
                .get(ofOtherTable.id()).cells(), "another table's cells stay");
    }

    /** The ids of every page, walking the cursor from the first page to the last. */
    private List<List<RowId>> pages(Table table, int limit, long maxBytes) {
        List<List<RowId>> pages = new ArrayList<>();
        String cursor = null;
        do {
            RowPage page = rows().page(table.baseId(), table.id(), limit, maxBytes, cursor);
            pages.add(ids(page.rows()));
            cursor = page.nextCursor();
            assertTrue(pages.size() <= 1000, "a cursor that never ends");
        } while (cursor != null);
        return pages;
    }

    private static List<RowId> ids(List<Row> rows) {
        return rows.stream().map(Row::id).toList();
    }
}
