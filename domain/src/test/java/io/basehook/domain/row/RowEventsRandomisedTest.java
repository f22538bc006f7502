package io.basehook.domain.row;

import io.basehook.domain.access.Actor;
import io.basehook.domain.access.Permission;
import io.basehook.domain.cell.CellValue;
import io.basehook.domain.shared.FieldError;
import io.basehook.domain.table.CellPatch;
import io.basehook.domain.table.Column;
import io.basehook.domain.table.ColumnKey;
import io.basehook.domain.table.SampleTables;
import io.basehook.domain.table.Table;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.basehook.domain.table.SampleTables.AMOUNT;
import static io.basehook.domain.table.SampleTables.DONE;
import static io.basehook.domain.table.SampleTables.DUE;
import static io.basehook.domain.table.SampleTables.MAIL;
import static io.basehook.domain.table.SampleTables.NAME;
import static io.basehook.domain.table.SampleTables.NOTES;
import static io.basehook.domain.table.SampleTables.PRIO;
import static io.basehook.domain.table.SampleTables.SITE;
import static io.basehook.domain.table.SampleTables.TAGS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random rows and patches, checked against what the webhook format promises a receiver. Seeded, so a failure
 * replays; small value pools, so equal values (1 and 1.0, same option) and no-op updates come up often.
 */
class RowEventsRandomisedTest {

    private static final long SEED = 0xBA5E400CL;
    private static final int ITERATIONS = 1_000;
    private static final Instant T1 = Instant.parse("2026-11-27T14:30:00Z");
    private static final Instant T2 = Instant.parse("2026-11-27T15:00:00Z");

    private static final Map<Column, List<Object>> POOLS = Map.of(
            NAME, Arrays.asList("ACME", "Globex", "", null),
            PRIO, Arrays.asList("++", "+", "-", "", null),
            DONE, Arrays.asList(true, false, null),
            AMOUNT, Arrays.asList(1, 1.0d, 2L, new BigDecimal("2.00"), -3.5d, null),
            DUE, Arrays.asList("2026-11-27", "2026-11-27T14:30", "", null),
            MAIL, Arrays.asList("a@example.com", "b@example.com", "", null),
            SITE, Arrays.asList("https://a.example", "https://b.example", "", null),
            NOTES, Arrays.asList("x", "y\nz", "", null));

    private final Table table = SampleTables.opportunities();
    private final Random random = new Random(SEED);

    @Test
    void anUpdatesEventHoldsExactlyTheSymmetricDifferenceOfTheCellsBeforeAndAfter() {
        int withoutEvent = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            Row before = Row.create(table, randomValues(0.6), actor(), T1).row();
            CellPatch patch = randomValues(0.3);
            Row.Updated updated = before.update(table, patch, actor(), T2);

            Map<ColumnKey, CellValue> expected = new HashMap<>(before.cells());
            expected.putAll(patch.set());
            patch.cleared().forEach(expected::remove);
            assertEquals(expected, updated.row().cells(), "iteration " + i);

            Set<Map.Entry<ColumnKey, CellValue>> difference = symmetricDifference(before.cells(), updated.row().cells());
            Set<ColumnKey> changedKeys = new HashSet<>();
            difference.forEach(entry -> changedKeys.add(entry.getKey()));

            if (updated.event().isEmpty()) {
                withoutEvent++;
                assertTrue(difference.isEmpty(), "no event although cells changed, iteration " + i);
                assertSame(before, updated.row());
                continue;
            }
            ChangeEvent event = updated.event().get();
            assertEquals(OpType.MODIFY_ROW, event.type());
            List<ColumnKey> eventKeys = event.cells().stream().map(cell -> cell.column().key()).toList();
            assertEquals(eventKeys.size(), new HashSet<>(eventKeys).size(), "a cell named twice, iteration " + i);
            assertEquals(changedKeys, new HashSet<>(eventKeys), "iteration " + i);
            for (CellChange cell : event.cells()) {
                assertEquals(updated.row().cells().get(cell.column().key()), cell.value());
                assertEquals(before.cells().get(cell.column().key()), cell.oldValue());
            }
            assertEquals(inColumnOrder(eventKeys), eventKeys);
        }
        // the pools must produce both outcomes often, or the loop proves little
        assertTrue(withoutEvent > 50 && withoutEvent < ITERATIONS - 50, "updates without event: " + withoutEvent);
    }

    // a receiver that applies each modify_row to its copy of the row ends with the row as stored
    @Test
    void replayingTheEventsOfAnUpdateChainRebuildsTheRow() {
        for (int i = 0; i < ITERATIONS / 10; i++) {
            Row.Created created = Row.create(table, randomValues(0.5), actor(), T1);
            Map<ColumnKey, CellValue> replica = new HashMap<>();
            apply(created.event(), replica);
            Row row = created.row();
            for (int step = 0; step < 10; step++) {
                Row.Updated updated = row.update(table, randomValues(0.3), actor(), T2);
                updated.event().ifPresent(event -> apply(event, replica));
                row = updated.row();
                assertEquals(row.cells(), replica, "iteration " + i + ", step " + step);
            }
            ChangeEvent deleted = row.delete(table, actor(), T2);
            apply(deleted, replica);
            assertEquals(Map.of(), replica);
        }
    }

    @Test
    void insertAndDeleteEventsHoldEveryNonEmptyCell() {
        for (int i = 0; i < ITERATIONS; i++) {
            Row.Created created = Row.create(table, randomValues(0.5), actor(), T1);
            Map<ColumnKey, CellValue> cells = created.row().cells();
            ChangeEvent insert = created.event();
            assertEquals(OpType.INSERT_ROW, insert.type());
            assertEquals(cells.size(), insert.cells().size());
            insert.cells().forEach(cell -> {
                assertEquals(cells.get(cell.column().key()), cell.value());
                assertNull(cell.oldValue());
            });
            ChangeEvent delete = created.row().delete(table, actor(), T2);
            assertEquals(OpType.DELETE_ROW, delete.type());
            assertEquals(cells.size(), delete.cells().size());
            delete.cells().forEach(cell -> {
                assertNull(cell.value());
                assertEquals(cells.get(cell.column().key()), cell.oldValue());
            });
            assertEquals(insert.rowName(), delete.rowName());
        }
    }

    private void apply(ChangeEvent event, Map<ColumnKey, CellValue> replica) {
        for (CellChange cell : event.cells()) {
            if (cell.value() == null) {
                if (replica.remove(cell.column().key()) == null) {
                    fail("cleared a cell the receiver never had: " + cell);
                }
            } else {
                replica.put(cell.column().key(), cell.value());
            }
        }
    }

    private Actor actor() {
        return random.nextBoolean() ? Actor.admin() : Actor.token("bot", SampleTables.BASE, Permission.READ_WRITE);
    }

    /** Values for a random subset of the columns, each from its column's small pool. */
    private CellPatch randomValues(double share) {
        Map<String, Object> values = new HashMap<>();
        for (Column column : table.columns()) {
            if (random.nextDouble() < share) {
                values.put(column.name(), column.equals(TAGS) ? randomTags() : pick(POOLS.get(column)));
            }
        }
        List<FieldError> errors = new ArrayList<>();
        CellPatch patch = table.parseValues(values, "", errors);
        assertEquals(List.of(), errors);
        return patch;
    }

    private List<String> randomTags() {
        List<String> names = new ArrayList<>(List.of("red", "green", "blue"));
        Collections.shuffle(names, random);
        return names.subList(0, random.nextInt(names.size() + 1));
    }

    private Object pick(List<Object> pool) {
        return pool.get(random.nextInt(pool.size()));
    }

    private List<ColumnKey> inColumnOrder(List<ColumnKey> keys) {
        Set<ColumnKey> wanted = new LinkedHashSet<>(keys);
        return table.columns().stream().map(Column::key).filter(wanted::contains).toList();
    }

    private static Set<Map.Entry<ColumnKey, CellValue>> symmetricDifference(Map<ColumnKey, CellValue> a,
                                                                        Map<ColumnKey, CellValue> b) {
        Set<Map.Entry<ColumnKey, CellValue>> onlyA = new HashSet<>(a.entrySet());
        onlyA.removeAll(b.entrySet());
        Set<Map.Entry<ColumnKey, CellValue>> onlyB = new HashSet<>(b.entrySet());
        onlyB.removeAll(a.entrySet());
        onlyA.addAll(onlyB);
        return onlyA;
    }
}
