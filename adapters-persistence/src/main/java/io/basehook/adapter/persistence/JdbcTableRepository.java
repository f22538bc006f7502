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

    JdbcTableRepository(TableEntityRepository tables) {
        this.tables = tables;
    }

    @Override
    public void insert(Table table) {
        tables.save(EntityMapper.toEntity(table));
    }

    @Override
    public void update(Table table) {
        TableEntity entity = EntityMapper.toEntity(table);
        tables.rewrite(entity.baseId(), entity.tableId(), entity.name(), entity.columns());
    }

    @Override
    public Optional<Table> findById(BaseId baseId, TableId tableId) {
        return tables.findByBaseIdAndTableId(baseId.value(), tableId.value()).map(EntityMapper::toDomain);
    }

    @Override
    public List<Table> findByBase(BaseId baseId) {
        return tables.findByBaseIdOrderByPk(baseId.value()).stream().map(EntityMapper::toDomain).toList();
    }

    @Override
    public void delete(BaseId baseId, TableId tableId) {
        // its rows go with it through ON DELETE CASCADE
        tables.deleteByBaseIdAndTableId(baseId.value(), tableId.value());
    }
}
