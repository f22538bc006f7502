package io.basehook.adapter.persistence;

import io.basehook.application.port.out.TableRepository;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.table.Table;
import io.basehook.domain.table.TableId;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

@Singleton
public final class JdbcTableRepository implements TableRepository {

    private final TableEntityRepository tables;
    private final BaseEntityRepository bases;
    private final StructureCache structure;

    JdbcTableRepository(TableEntityRepository tables, BaseEntityRepository bases, StructureCache structure) {
        this.tables = tables;
        this.bases = bases;
        this.structure = structure;
    }

    @Override
    public void insert(Table table) {
        tables.save(EntityMapper.toEntity(table));
        changed(table.baseId());
    }

    @Override
    public void update(Table table) {
        TableEntity entity = EntityMapper.toEntity(table);
        tables.rewrite(entity.baseId(), entity.tableId(), entity.name(), entity.columns());
        changed(table.baseId());
    }

    /** With the base locked (a write), from this instance's cache while the base's structure is unchanged. */
    @Override
    public Optional<Table> findById(BaseId baseId, TableId tableId) {
        Optional<TableEntity> cached = structure.table(baseId.value(), tableId.value());
        if (cached.isPresent()) {
            return cached.map(EntityMapper::toDomain);
        }
        Optional<TableEntity> read = tables.findByBaseIdAndTableId(baseId.value(), tableId.value());
        read.ifPresent(structure::read);
        return read.map(EntityMapper::toDomain);
    }

    @Override
    public List<Table> findByBase(BaseId baseId) {
        return tables.findByBaseIdOrderByPk(baseId.value()).stream().map(EntityMapper::toDomain).toList();
    }

    @Override
    public void delete(BaseId baseId, TableId tableId) {
        // its rows go with it through ON DELETE CASCADE
        tables.deleteByBaseIdAndTableId(baseId.value(), tableId.value());
        changed(baseId);
    }

    /** Every change of a table raises its base's revision, in the same transaction: see {@link StructureCache}. */
    private void changed(BaseId baseId) {
        bases.raiseStructureRevision(baseId.value());
        structure.tablesChanged(baseId.value());
    }
}
