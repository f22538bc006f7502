package io.basehook.testkit.contract;

import io.basehook.application.port.out.TableRepository;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.Row;
import io.basehook.domain.table.ColumnSpec;
import io.basehook.domain.table.ColumnType;
import io.basehook.domain.table.OptionSpec;
import io.basehook.domain.table.Table;
import io.basehook.domain.table.TableId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link TableRepository}: a table reads back with its columns in order; an update saves its name and columns; a
 * table id is its base's only (the same id in two bases is two tables); a base's tables list in creation order,
 * whatever the clock; deleting a table deletes its rows only; every read is a copy of its own; and a write that locks
 * the base reads every change made before it, however the adapter caches tables.
 */
public interface TableRepositoryContract extends StoreFixture {

    @Test
    default void aTableReadsBackWithItsColumnsInOrder() {
        BaseId base = newBase().id();
        Table table = newTable(base, "Deals ✓");

        Table found = tables().findById(base, table.id()).orElseThrow();

        assertEquals(table.id(), found.id());
        assertEquals(base, found.baseId());
        assertEquals("Deals ✓", found.name());
        assertEquals(table.columns(), found.columns());
        assertEquals(T0, found.createdAt());
        assertTrue(tables().findById(newBase().id(), table.id()).isEmpty(), "another base does not see it");
        assertTrue(tables().findById(base, TableId.random()).isEmpty());
    }

    @Test
    default void anUpdateSavesTheNameAndTheColumns() {
        BaseId base = newBase().id();
        Table table = newTable(base, "Deals");
        table.rename("Opportunities");
        table.addColumn(new ColumnSpec("Notes", ColumnType.LONG_TEXT, List.of()), 500);
        table.changeColumn(key(table, "Prio"), "Priority", null,
                List.of(new OptionSpec("381992", "++", "#F4667C"), new OptionSpec(null, "+++", "#000000")));
        table.deleteColumn(key(table, "Won"));

        inLockedBase(base, () -> tables().update(table));

        Table found = tables().findById(base, table.id()).orElseThrow();
        assertEquals("Opportunities", found.name());
        assertEquals(table.columns(), found.columns());
        assertEquals(T0, found.createdAt());
    }

    @Test
    default void aBasesTablesListInCreationOrderWhateverTheClock() {
        BaseId base = newBase().id();
        List<String> names = List.of("Zeta", "Alpha", "Mid");
        names.forEach(name -> newTable(base, name));
        newTable(newBase().id(), "Elsewhere");

        assertEquals(names, tables().findByBase(base).stream().map(Table::name).toList());
        assertTrue(tables().findByBase(newBase().id()).isEmpty());
    }

    @Test
    default void deletingATableDeletesItsRowsOnly() {
        BaseId base = newBase().id();
        Table doomed = newTable(base, "Doomed");
        Table kept = newTable(base, "Kept");
        Row doomedRow = insertRows(doomed, List.of(row(doomed, "a"))).get(0);
        Row keptRow = insertRows(kept, List.of(row(kept, "b"))).get(0);

        inLockedBase(base, () -> tables().delete(base, doomed.id()));

        assertTrue(tables().findById(base, doomed.id()).isEmpty());
        assertTrue(rows().findByIds(base, doomed.id(), List.of(doomedRow.id())).isEmpty());
        assertTrue(rows().page(base, doomed.id(), 10, Long.MAX_VALUE, null).rows().isEmpty());
        assertEquals(List.of(kept.id()), tables().findByBase(base).stream().map(Table::id).toList());
        assertEquals(1, rows().findByIds(base, kept.id(), List.of(keptRow.id())).size());
    }

    @Test
    default void aTableIdIsItsBasesOnly() {
        BaseId one = newBase().id();
        BaseId two = newBase().id();
        Table inOne = newTable(one, "Deals");
        Table inTwo = Table.restore(inOne.id(), two, "Leads", inOne.columns(), T0);
        inLockedBase(two, () -> tables().insert(inTwo));
        Row row = insertRows(inOne, List.of(row(inOne, "only in one"))).get(0);

        inLockedBase(two, () -> tables().delete(two, inOne.id()));

        assertEquals("Deals", tables().findById(one, inOne.id()).orElseThrow().name());
        assertTrue(tables().findById(two, inOne.id()).isEmpty());
        assertEquals(1, rows().findByIds(one, inOne.id(), List.of(row.id())).size());
        assertTrue(rows().findByIds(two, inOne.id(), List.of(row.id())).isEmpty());
    }

    @Test
    default void everyReadIsItsOwnCopy() {
        BaseId base = newBase().id();
        Table table = newTable(base, "Deals");
        table.rename("Changed on the inserted object only");

        tables().findById(base, table.id()).orElseThrow().rename("Changed on a read object only");
        tables().findByBase(base).get(0).deleteColumn(key(table, "Won"));
        inLockedBase(base, () -> tables().findById(base, table.id()).orElseThrow().rename("And in a write"));

        Table again = inLockedBase(base, () -> tables().findById(base, table.id()).orElseThrow());
        assertEquals("Deals", again.name());
        assertEquals(6, again.columns().size());
        assertEquals("Deals", tables().findById(base, table.id()).orElseThrow().name());
    }

    @Test
    default void aWriteThatLocksTheBaseSeesEveryChangeMadeBeforeItAndItsOwn() {
        BaseId base = newBase().id();
        Table table = newTable(base, "Deals");
        assertEquals("Deals", lockedRead(base, table.id()).name());

        inLockedBase(base, () -> {
            Table changed = tables().findById(base, table.id()).orElseThrow();
            changed.addColumn(new ColumnSpec("Notes", ColumnType.LONG_TEXT, List.of()), 500);
            tables().update(changed);
        });
        assertTrue(lockedRead(base, table.id()).columnNamed("Notes").isPresent());

        String inTheSameTransaction = inLockedBase(base, () -> {
            Table read = tables().findById(base, table.id()).orElseThrow();
            read.rename("Opportunities");
            tables().update(read);
            return tables().findById(base, table.id()).orElseThrow().name();
        });
        assertEquals("Opportunities", inTheSameTransaction);
        assertEquals("Opportunities", lockedRead(base, table.id()).name());

        Table added = Table.create(base, "Added", List.of(), Set.of(table.id()), 500, T0);
        inLockedBase(base, () -> tables().insert(added));
        assertEquals("Added", lockedRead(base, added.id()).name());
        inLockedBase(base, () -> tables().delete(base, table.id()));
        assertTrue(inLockedBase(base, () -> tables().findById(base, table.id())).isEmpty());
    }

    private Table lockedRead(BaseId base, TableId id) {
        return inLockedBase(base, () -> tables().findById(base, id).orElseThrow());
    }
}
