package io.basehook.adapter.persistence;

import io.basehook.application.port.out.BaseRepository;
import io.basehook.application.port.out.RowRepository;
import io.basehook.application.port.out.TableRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.base.Base;
import io.basehook.domain.row.Row;
import io.basehook.domain.table.ColumnSpec;
import io.basehook.domain.table.ColumnType;
import io.basehook.domain.table.OptionSpec;
import io.basehook.domain.table.Table;
import io.basehook.domain.table.TableId;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class JdbcTableRepositoryTest extends DatabaseTest {

    @Inject
    BaseRepository bases;
    @Inject
    TableRepository tables;
    @Inject
    RowRepository rows;
    @Inject
    TransactionRunner transactions;
    @Inject
    TransactionOperations<Connection> transactionOperations;
    @Inject
    TableEntityRepository tableEntities;
    @Inject
    BaseEntityRepository baseEntities;
    @Inject
    JdbcConnections jdbc;

    @Test
    void findsAnInsertedTableWithItsColumnsInOrder() {
        Base base = Fixtures.base();
        Table table = storedDeals(base);

        Table found = tables.findById(base.id(), table.id()).orElseThrow();

        assertEquals(table.id(), found.id());
        assertEquals(base.id(), found.baseId());
        assertEquals("Deals", found.name());
        assertEquals(table.columns(), found.columns());
        assertEquals(table.createdAt(), found.createdAt());
        assertTrue(tables.findById(Fixtures.base().id(), table.id()).isEmpty());
    }

    @Test
    void savesANewNameAndChangedColumns() {
        Base base = Fixtures.base();
        Table table = storedDeals(base);

        table.rename("Opportunities");
        table.addColumn(new ColumnSpec("Notes", ColumnType.LONG_TEXT, List.of()), 500);
        table.changeColumn(Fixtures.key(table, "Prio"), "Priority", null,
                List.of(new OptionSpec("381992", "++", "#F4667C"), new OptionSpec(null, "+++", "#000000")));
        table.deleteColumn(Fixtures.key(table, "Won"));
        tables.update(table);

        Table found = tables.findById(base.id(), table.id()).orElseThrow();
        assertEquals("Opportunities", found.name());
        assertEquals(table.columns(), found.columns());
    }

    @Test
    void listsABasesTablesInCreationOrder() {
        Base base = Fixtures.base();
        bases.insert(base);
        List<String> names = List.of("Zeta", "Alpha", "Mid");
        for (String name : names) {
            // the same instant for all three: order must not depend on the clock
            tables.insert(Fixtures.table(base.id(), name));
        }

        assertEquals(names, tables.findByBase(base.id()).stream().map(Table::name).toList());
    }

    @Test
    void tableNamesAreUniquePerBaseAndCaseSensitive() {
        Base base = Fixtures.base();
        bases.insert(base);
        tables.insert(Fixtures.table(base.id(), "Deals"));
        tables.insert(Fixtures.table(base.id(), "deals"));

        assertThrows(DataAccessException.class, () -> tables.insert(Fixtures.table(base.id(), "Deals")));
        assertEquals(2, tables.findByBase(base.id()).size());
    }

    @Test
    void deletingATableDeletesItsRowsOnly() {
        Base base = Fixtures.base();
        bases.insert(base);
        Table doomed = Fixtures.table(base.id(), "Doomed");
        Table kept = Table.create(base.id(), "Kept", List.of(), Set.of(doomed.id()), 500, Fixtures.NOW);
        tables.insert(doomed);
        tables.insert(kept);
        Row doomedRow = Fixtures.row(doomed, "a");
        Row keptRow = Fixtures.row(kept, "b");
        rows.insertAll(base.id(), List.of(doomedRow));
        rows.insertAll(base.id(), List.of(keptRow));

        tables.delete(base.id(), doomed.id());

        assertTrue(tables.findById(base.id(), doomed.id()).isEmpty());
        assertTrue(rows.findByIds(base.id(), doomed.id(), List.of(doomedRow.id())).isEmpty());
        assertEquals(List.of(kept.id()), tables.findByBase(base.id()).stream().map(Table::id).toList());
        assertEquals(1, rows.findByIds(base.id(), kept.id(), List.of(keptRow.id())).size());
    }

    @Test
    void tableIdsAreScopedToTheirBase() {
        Base one = Fixtures.base();
        Base two = Fixtures.base();
        bases.insert(one);
        bases.insert(two);
        TableId sameId = new TableId("Ab12");
        tables.insert(Table.restore(sameId, one.id(), "Deals", Fixtures.table(one.id(), "x").columns(), Fixtures.NOW));
        tables.insert(Table.restore(sameId, two.id(), "Leads", Fixtures.table(two.id(), "x").columns(), Fixtures.NOW));
        Row row = Fixtures.row(tables.findById(one.id(), sameId).orElseThrow(), "only in one");
        rows.insertAll(one.id(), List.of(row));

        tables.delete(two.id(), sameId);

        assertEquals("Deals", tables.findById(one.id(), sameId).orElseThrow().name());
        assertTrue(tables.findById(two.id(), sameId).isEmpty());
        assertEquals(1, rows.findByIds(one.id(), sameId, List.of(row.id())).size());
        assertTrue(rows.findByIds(two.id(), sameId, List.of(row.id())).isEmpty());
    }

    // the structure cache: a write reads its tables from this instance while the base's structure is unchanged

    @Test
    void aWriteToABaseWhoseStructureIsUnchangedGetsItsTableFromTheCacheAndAnUnlockedReadFromTheDatabase() {
        Base base = Fixtures.base();
        Table table = storedDeals(base);
        assertEquals("Deals", lockedRead(base, table).name()); // read once with the lock: now cached

        renameBehindTheRepositorysBack(table, "Changed behind its back"); // no revision raised: not a real change

        assertEquals("Deals", lockedRead(base, table).name());
        assertEquals("Changed behind its back", tables.findById(base.id(), table.id()).orElseThrow().name());
        assertEquals("Changed behind its back", transactions.inTransaction(
                () -> tables.findById(base.id(), table.id()).orElseThrow().name())); // a transaction without the lock
    }

    @Test
    void aChangeOfTheTableByAnyInstanceIsSeenByTheNextWrite() {
        Base base = Fixtures.base();
        Table table = storedDeals(base);
        assertEquals("Deals", lockedRead(base, table).name());
        JdbcTableRepository otherInstance = new JdbcTableRepository(tableEntities, baseEntities,
                new StructureCache(transactionOperations));

        transactions.inTransaction(() -> {
            bases.lockById(base.id());
            Table changed = otherInstance.findById(base.id(), table.id()).orElseThrow();
            changed.addColumn(new ColumnSpec("Notes", ColumnType.LONG_TEXT, List.of()), 500);
            otherInstance.update(changed);
            return null;
        });
        Table seen = lockedRead(base, table);
        assertTrue(seen.columnNamed("Notes").isPresent(), seen.columns().toString());

        tables.delete(base.id(), table.id()); // and this instance's own change
        assertTrue(transactions.inTransaction(() -> {
            bases.lockById(base.id());
            return tables.findById(base.id(), table.id());
        }).isEmpty());
    }

    @Test
    void aTransactionThatChangesATableReadsItsOwnChangeAndForgetsTheLockedRevisionWhenItEnds() {
        Base base = Fixtures.base();
        Table table = storedDeals(base);

        String inTheSameTransaction = transactions.inTransaction(() -> {
            bases.lockById(base.id());
            Table read = tables.findById(base.id(), table.id()).orElseThrow();
            read.rename("Opportunities");
            tables.update(read);
            return tables.findById(base.id(), table.id()).orElseThrow().name();
        });
        assertEquals("Opportunities", inTheSameTransaction);

        Table locked = lockedRead(base, table);
        locked.rename("Changed on the object only"); // each read gets its own object: the cache keeps the stored one
        assertEquals("Opportunities", lockedRead(base, table).name());
    }

    /** The base and its table "Deals", stored. */
    private Table storedDeals(Base base) {
        bases.insert(base);
        Table table = Fixtures.table(base.id(), "Deals");
        tables.insert(table);
        return table;
    }

    private Table lockedRead(Base base, Table table) {
        return transactions.inTransaction(() -> {
            bases.lockById(base.id());
            return tables.findById(base.id(), table.id()).orElseThrow();
        });
    }

    private void renameBehindTheRepositorysBack(Table table, String name) {
        jdbc.run(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE bh_table SET name = ? WHERE base_id = ? AND id = ?")) {
                update.setString(1, name);
                update.setString(2, table.baseId().value());
                update.setString(3, table.id().value());
                return update.executeUpdate();
            }
        });
    }
}
