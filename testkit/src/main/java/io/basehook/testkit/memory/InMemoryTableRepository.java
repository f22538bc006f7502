package io.basehook.testkit.memory;

import io.basehook.application.port.out.TableRepository;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.table.Table;
import io.basehook.domain.table.TableId;

import java.util.List;
import java.util.Optional;

/**
 * The tables of an {@link InMemoryStore}, in the order they were created. Each is stored and read back as a copy, so
 * changing a table object changes nothing stored until it is {@linkplain #update updated}. A table's name is unique
 * within its base, case-sensitively, as the database's key keeps it.
 */
public final class InMemoryTableRepository implements TableRepository {

    private final InMemoryStore store;

    InMemoryTableRepository(InMemoryStore store) {
        this.store = store;
    }

    /** @throws IllegalStateException as a key would: its base is missing, or its id or name is taken in the base */
    @Override
    public void insert(Table table) {
        store.locked(() -> {
            if (!store.bases.containsKey(table.baseId())) {
                throw new IllegalStateException("no base " + table.baseId() + " for the table");
            }
            InMemoryStore.TableKey key = new InMemoryStore.TableKey(table.baseId(), table.id());
            if (store.tablePks.containsKey(key)) {
                throw new IllegalStateException("table " + table.id() + " exists already in " + table.baseId());
            }
            requireFreeName(table);
            long pk = store.nextPk();
            store.put(store.tables, pk, copy(table));
            store.put(store.tablePks, key, pk);
        });
    }

    /** @throws IllegalStateException as a key would: another table of the base has the name */
    @Override
    public void update(Table table) {
        store.locked(() -> {
            Long pk = store.tablePks.get(new InMemoryStore.TableKey(table.baseId(), table.id()));
            if (pk != null) {
                requireFreeName(table);
                Table stored = store.tables.get(pk);
                store.put(store.tables, pk, Table.restore(stored.id(), stored.baseId(), table.name(), table.columns(),
                        stored.createdAt()));
            }
        });
    }

    @Override
    public Optional<Table> findById(BaseId baseId, TableId tableId) {
        return store.locked(() -> Optional.ofNullable(store.tablePks.get(new InMemoryStore.TableKey(baseId, tableId)))
                .map(pk -> copy(store.tables.get(pk))));
    }

    @Override
    public List<Table> findByBase(BaseId baseId) {
        return store.locked(() -> store.tables.values().stream().filter(table -> table.baseId().equals(baseId))
                .map(InMemoryTableRepository::copy).toList());
    }

    @Override
    public void delete(BaseId baseId, TableId tableId) {
        store.locked(() -> deleteStored(store, baseId, tableId));
    }

    /** Deletes the table and its rows; with the store locked. */
    static void deleteStored(InMemoryStore store, BaseId baseId, TableId tableId) {
        InMemoryStore.TableKey key = new InMemoryStore.TableKey(baseId, tableId);
        Long pk = store.remove(store.tablePks, key);
        if (pk != null) {
            store.remove(store.tables, pk);
            store.remove(store.rows, key);
            store.remove(store.rowPks, key);
        }
    }

    private void requireFreeName(Table table) {
        boolean taken = store.tables.values().stream().anyMatch(other -> other.baseId().equals(table.baseId())
                && !other.id().equals(table.id()) && other.name().equals(table.name()));
        if (taken) {
            throw new IllegalStateException("a table named " + table.name() + " exists already in " + table.baseId());
        }
    }

    private static Table copy(Table table) {
        return Table.restore(table.id(), table.baseId(), table.name(), table.columns(), table.createdAt());
    }
}
