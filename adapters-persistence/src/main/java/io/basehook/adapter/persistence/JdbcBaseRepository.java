package io.basehook.adapter.persistence;

import io.basehook.application.port.out.BaseRepository;
import io.basehook.domain.base.Base;
import io.basehook.domain.base.BaseId;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

@Singleton
public final class JdbcBaseRepository implements BaseRepository {

    private final BaseEntityRepository bases;
    private final StructureCache structure;

    JdbcBaseRepository(BaseEntityRepository bases, StructureCache structure) {
        this.bases = bases;
        this.structure = structure;
    }

    @Override
    public void insert(Base base) {
        bases.save(EntityMapper.toEntity(base));
    }

    @Override
    public Optional<Base> findById(BaseId id) {
        return bases.findById(id.value()).map(EntityMapper::toDomain);
    }

    @Override
    public Optional<Base> lockById(BaseId id) {
        Optional<BaseEntity> locked = bases.lockById(id.value());
        // the revisions read with the lock hold until it is released: this transaction's reads of the base's
        // tables and webhooks may come from the cache
        locked.ifPresent(base -> structure.locked(base.id(), base.structureRevision(), base.webhooksRevision()));
        return locked.map(EntityMapper::toDomain);
    }

    @Override
    public List<Base> findAll() {
        return bases.listInCreationOrder().stream().map(EntityMapper::toDomain).toList();
    }

    @Override
    public void delete(BaseId id) {
        // tables, rows, events and tokens go with it through ON DELETE CASCADE
        bases.deleteById(id.value());
        structure.tablesChanged(id.value());
        structure.webhooksChanged(id.value());
    }
}
