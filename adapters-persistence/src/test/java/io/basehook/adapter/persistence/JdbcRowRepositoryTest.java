package io.basehook.adapter.persistence;

import io.basehook.application.port.out.BaseRepository;
import io.basehook.application.port.out.RowPage;
import io.basehook.application.port.out.RowRepository;
import io.basehook.application.port.out.TableRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.base.Base;
import io.basehook.domain.cell.CellValue;
import io.basehook.domain.row.Row;
import io.basehook.domain.row.RowId;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.table.ColumnKey;
import io.basehook.domain.table.Table;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class JdbcRowRepositoryTest extends DatabaseTest {

    @Inject
    BaseRepository bases;
    @Inject
    TableRepository tables;
    @Inject
    RowRepository rows;
    @Inject
    TransactionRunner transactions;
    @Inject
    JdbcConnections jdbc;

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
    void cellsOfEveryKindReadBackEqual() {
        List<Map<ColumnKey, CellValue>> variants = List.of(
                cells("Name", new CellValue.Text("ACME \"renewal\" \\ ✓ 😀 \n line"),
                        "Amount", new CellValue.Number(new BigDecimal("0.1")),
                        "Won", new CellValue.Checkbox(true),
                        "Close", new CellValue.Date("2026-11-27"),
                        "Prio", new CellValue.Option("381992"),
                        "Tags", new CellValue.Options(List.of("2", "1"))),
                cells("Amount", new CellValue.Number(new BigDecimal("12345678901234567890.123456789")),
                        "Won", new CellValue.Checkbox(false),
                        "Close", new CellValue.Date("2026-11-27T14:30")),
                cells("Amount", new CellValue.Number(new BigDecimal("-7")),
                        "Tags", new CellValue.Options(List.of("381992"))),
                cells("Amount", new CellValue.Number(new BigDecimal("1E+3"))),
                cells());
        List<Row> written = variants.stream()
                .map(cells -> Row.restore(RowId.random(), table.id(), cells, Fixtures.NOW, Fixtures.NOW)).toList();
        rows.insertAll(base.id(), written);

        Map<RowId, Row> read = rows.findByIds(base.id(), table.id(), written.stream().map(Row::id).toList());

        for (Row row : written) {
            assertEquals(row.cells(), read.get(row.id()).cells());
        }
        BigDecimal big = ((CellValue.Number) read.get(written.get(1).id()).cells().get(key("Amount"))).value();
        // equal as a number is not enough: not a digit may be lost on the way
        assertEquals("12345678901234567890.123456789", big.toPlainString());
    }

    @Test
    void insertsTheRowsOfSeveralBasesTogetherEachUnderItsOwnBase() {
        Base other = Fixtures.base();
        bases.insert(other);
        Table otherTable = Fixtures.table(other.id(), "Deals");
        tables.insert(otherTable);
        Row here = Row.restore(RowId.random(), table.id(), cells("Name", new CellValue.Text("here")), Fixtures.NOW, Fixtures.NOW);
        Row there = Row.restore(RowId.random(), otherTable.id(), cells("Name", new CellValue.Text("there")),
                Fixtures.NOW, Fixtures.NOW);

        rows.insertAll(Map.of(base.id(), List.of(here), other.id(), List.of(there)));

        assertEquals(Set.of(here.id()), rows.findByIds(base.id(), table.id(), List.of(here.id(), there.id())).keySet());
        assertEquals(there.cells(), rows.findByIds(other.id(), otherTable.id(), List.of(here.id(), there.id()))
                .get(there.id()).cells());
        assertEquals(1, rows.findByIds(other.id(), otherTable.id(), List.of(here.id(), there.id())).size());
    }

    @Test
    void findsOnlyExistingRowsOfTheTable() {
        Row a = Fixtures.row(table, "a");
        Row b = Fixtures.row(table, "b");
        rows.insertAll(base.id(), List.of(a, b));
        Table other = Table.create(base.id(), "Other", List.of(), Set.of(table.id()), 500, Fixtures.NOW);
        tables.insert(other);

        Map<RowId, Row> found = rows.findByIds(base.id(), table.id(), List.of(a.id(), RowId.random(), b.id(), a.id()));

        assertEquals(List.of(a.id(), b.id()), List.copyOf(found.keySet()));
        assertEquals(a.cells(), found.get(a.id()).cells());
        assertEquals(b.cells(), found.get(b.id()).cells());
        assertTrue(rows.findByIds(base.id(), other.id(), List.of(a.id())).isEmpty());
        assertTrue(rows.findByIds(base.id(), table.id(), List.of()).isEmpty());
    }

    @Test
    void updatesCellsAndUpdatedAtButNotCreatedAt() {
        Row row = Row.restore(RowId.random(), table.id(),
                cells("Name", new CellValue.Text("old"), "Won", new CellValue.Checkbox(true)), Fixtures.NOW, Fixtures.NOW);
        Row untouched = Fixtures.row(table, "untouched");
        rows.insertAll(base.id(), List.of(row, untouched));
        Instant later = Fixtures.NOW.plusMillis(1001);
        Row changed = Row.restore(row.id(), table.id(),
                cells("Name", new CellValue.Text("new"), "Amount", new CellValue.Number(new BigDecimal("2.50"))),
                Fixtures.NOW, later);

        rows.updateAll(base.id(), List.of(changed));

        Map<RowId, Row> read = rows.findByIds(base.id(), table.id(), List.of(row.id(), untouched.id()));
        assertEquals(changed.cells(), read.get(row.id()).cells());
        assertEquals(Fixtures.NOW, read.get(row.id()).createdAt());
        assertEquals(later, read.get(row.id()).updatedAt());
        assertEquals(untouched.cells(), read.get(untouched.id()).cells());
        assertEquals(Fixtures.NOW, read.get(untouched.id()).updatedAt());
    }

    @Test
    void deletesTheRowsThatExistAndCountsThem() {
        Row a = Fixtures.row(table, "a");
        Row b = Fixtures.row(table, "b");
        Row c = Fixtures.row(table, "c");
        rows.insertAll(base.id(), List.of(a, b, c));

        int deleted = rows.deleteAll(base.id(), table.id(), List.of(a.id(), RowId.random(), b.id(), a.id()));

        assertEquals(2, deleted);
        assertEquals(List.of(c.id()), List.copyOf(rows.findByIds(base.id(), table.id(), List.of(a.id(), b.id(), c.id())).keySet()));
        assertEquals(0, rows.deleteAll(base.id(), table.id(), List.of(a.id())));
    }

    @Test
    void pagesThroughRowsInInsertionOrder() {
        List<Row> inserted = new ArrayList<>();
        for (int batch = 0; batch < 3; batch++) {
            List<Row> rowsOfBatch = new ArrayList<>();
            for (int i = 0; i < (batch == 0 ? 100 : 75); i++) {
                rowsOfBatch.add(Fixtures.row(table, "row " + inserted.size() + rowsOfBatch.size()));
            }
            rows.insertAll(base.id(), rowsOfBatch);
            inserted.addAll(rowsOfBatch);
        }

        List<RowId> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            RowPage page = rows.page(base.id(), table.id(), 100, Long.MAX_VALUE, cursor);
            page.rows().forEach(row -> seen.add(row.id()));
            pageSizes.add(page.rows().size());
            cursor = page.nextCursor();
        } while (cursor != null);

        assertEquals(250, inserted.size());
        assertEquals(List.of(100, 100, 50), pageSizes);
        assertEquals(inserted.stream().map(Row::id).toList(), seen);
    }

    @Test
    void aPageEndsWithTheRowThatTakesItPastTheByteBudget() {
        // stored sizes in bytes, not characters: 'é' takes two
        int[] lengths = {3000, 50, 9000, 100, 20000, 10, 10, 10, 5000, 7000, 4000, 4000};
        List<Row> inserted = new ArrayList<>();
        for (int i = 0; i < lengths.length; i++) {
            inserted.add(Row.restore(RowId.random(), table.id(), cells("Name",
                    new CellValue.Text((i % 2 == 0 ? "é" : "e").repeat(lengths[i]))), Fixtures.NOW, Fixtures.NOW));
        }
        rows.insertAll(base.id(), inserted);
        long budget = 10_000;

        List<List<RowId>> expected = new ArrayList<>();
        long before = budget;
        for (Row row : inserted) {
            if (before >= budget) {
                expected.add(new ArrayList<>());
                before = 0;
            }
            expected.get(expected.size() - 1).add(row.id());
            before += CellsJson.write(row.cells()).getBytes(StandardCharsets.UTF_8).length;
        }
        assertEquals(List.of(3, 2, 4, 2, 1), expected.stream().map(List::size).toList(), "the model pages as meant");
        assertEquals(expected, pages(1000, budget));
    }

    @Test
    void aRowLargerThanTheBudgetIsAPageOfItsOwnAndTheCountStillBounds() {
        List<Row> inserted = List.of(Fixtures.row(table, "a"), Fixtures.row(table, "b".repeat(5000)),
                Fixtures.row(table, "c"), Fixtures.row(table, "d"), Fixtures.row(table, "e"));
        rows.insertAll(base.id(), inserted);
        List<RowId> ids = inserted.stream().map(Row::id).toList();

        assertEquals(ids.stream().map(List::of).toList(), pages(1000, 1));
        assertEquals(List.of(ids.subList(0, 2), ids.subList(2, 4), ids.subList(4, 5)), pages(2, Long.MAX_VALUE));
        assertEquals(List.of(ids.subList(0, 2), ids.subList(2, 4), ids.subList(4, 5)), pages(2, 1000),
                "the first page ends with the large row, as its budget and its count both say");
    }

    /** The ids of every page, walking the cursor from the first page to the last. */
    private List<List<RowId>> pages(int limit, long maxBytes) {
        List<List<RowId>> pages = new ArrayList<>();
        String cursor = null;
        do {
            RowPage page = rows.page(base.id(), table.id(), limit, maxBytes, cursor);
            pages.add(page.rows().stream().map(Row::id).toList());
            cursor = page.nextCursor();
        } while (cursor != null);
        return pages;
    }

    @Test
    void theLastFullPageHasNoNextCursor() {
        rows.insertAll(base.id(), List.of(Fixtures.row(table, "a"), Fixtures.row(table, "b"), Fixtures.row(table, "c"),
                Fixtures.row(table, "d")));

        RowPage first = rows.page(base.id(), table.id(), 2, Long.MAX_VALUE, null);
        RowPage second = rows.page(base.id(), table.id(), 2, Long.MAX_VALUE, first.nextCursor());

        assertNotNull(first.nextCursor());
        assertEquals(2, second.rows().size());
        assertNull(second.nextCursor());
    }

    @Test
    void anEmptyTableHasOneEmptyPage() {
        RowPage page = rows.page(base.id(), table.id(), 100, Long.MAX_VALUE, null);

        assertTrue(page.rows().isEmpty());
        assertNull(page.nextCursor());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not a cursor!", "AAAAAAAAAAA", "AAAA", "MTIzNDU2Nzg5MDEyMzQ1Njc4OTA"})
    void rejectsAMalformedCursor(String cursor) {
        BasehookException rejected = assertThrows(BasehookException.class,
                () -> rows.page(base.id(), table.id(), 10, Long.MAX_VALUE, cursor));

        assertEquals("invalid_cursor", rejected.code());
        assertEquals(BasehookException.Kind.INVALID, rejected.kind());
        assertEquals("cursor", rejected.errors().get(0).field());
    }

    @Test
    void removingAColumnsCellsKeepsEveryOtherCell() {
        ColumnKey amount = key("Amount");
        Row withIt = Row.restore(RowId.random(), table.id(), cells("Name", new CellValue.Text("a"),
                "Amount", new CellValue.Number(new BigDecimal("0.1"))), Fixtures.NOW, Fixtures.NOW);
        // text that spells the key as JSON must not fool the pre-filter into dropping anything else
        Row mentioningIt = Row.restore(RowId.random(), table.id(), cells("Name",
                new CellValue.Text("\"" + amount.value() + "\":1")), Fixtures.NOW, Fixtures.NOW);
        Row withoutIt = Fixtures.row(table, "c");
        rows.insertAll(base.id(), List.of(withIt, mentioningIt, withoutIt));

        rows.removeCells(base.id(), table.id(), amount);

        Map<RowId, Row> read = rows.findByIds(base.id(), table.id(), List.of(withIt.id(), mentioningIt.id(), withoutIt.id()));
        assertEquals(cells("Name", new CellValue.Text("a")), read.get(withIt.id()).cells());
        assertEquals(mentioningIt.cells(), read.get(mentioningIt.id()).cells());
        assertEquals(withoutIt.cells(), read.get(withoutIt.id()).cells());
        assertEquals(Fixtures.NOW, read.get(withIt.id()).updatedAt());
    }

    @Test
    void removingCellsWorksThroughMoreRowsThanOneChunk() {
        ColumnKey won = key("Won");
        List<Row> many = new ArrayList<>();
        for (int i = 0; i < 1201; i++) {
            many.add(Row.restore(RowId.random(), table.id(), cells("Name", new CellValue.Text("r" + i),
                    "Won", new CellValue.Checkbox(i % 2 == 0)), Fixtures.NOW, Fixtures.NOW));
        }
        rows.insertAll(base.id(), many);

        rows.removeCells(base.id(), table.id(), won);

        String cursor = null;
        int count = 0;
        do {
            RowPage page = rows.page(base.id(), table.id(), 1000, Long.MAX_VALUE, cursor);
            for (Row row : page.rows()) {
                assertTrue(!row.cells().containsKey(won) && row.cells().size() == 1, row.cells().toString());
                count++;
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        assertEquals(1201, count);
    }

    @Test
    void aBatchOfRowsTravelsAsOneInsertStatement() {
        List<Row> batch = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            batch.add(Fixtures.row(table, "r" + i));
        }

        long statements = transactions.inTransaction(() -> {
            long before = sessionInserts();
            rows.insertAll(base.id(), batch);
            return sessionInserts() - before;
        });

        // one round trip, not 100: rewriteBatchedStatements is in effect
        assertEquals(1, statements);
    }

    private long sessionInserts() {
        return jdbc.run(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SHOW SESSION STATUS LIKE 'Com_insert'")) {
                result.next();
                return result.getLong(2);
            }
        });
    }

    private ColumnKey key(String columnName) {
        return Fixtures.key(table, columnName);
    }

    private Map<ColumnKey, CellValue> cells(Object... namesAndValues) {
        Map<ColumnKey, CellValue> cells = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            cells.put(key((String) namesAndValues[i]), (CellValue) namesAndValues[i + 1]);
        }
        return cells;
    }
}
