package io.basehook.adapter.persistence;

import io.basehook.application.port.out.BaseRepository;
import io.basehook.domain.base.Base;
import io.basehook.domain.base.BaseId;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@Singleton
public final class JdbcBaseRepository implements BaseRepository {

    private final BaseEntityRepository bases;
    private final StructureCache structure;
    private final JdbcConnections jdbc;

    JdbcBaseRepository(BaseEntityRepository bases, StructureCache structure, JdbcConnections jdbc) {
        this.bases = bases;
        this.structure = structure;
        this.jdbc = jdbc;
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
    public void update(Base base) {
        bases.updateName(base.id().value(), base.name());
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
    public List<BaseId> lockAvailable(Collection<BaseId> ids) {
        List<String> sorted = ids.stream().map(BaseId::value).distinct().sorted().toList();
        if (sorted.isEmpty()) {
            return List.of();
        }
        return jdbc.run(connection -> {
            List<BaseId> locked = new ArrayList<>(sorted.size());
            // chunks in id order, each read in primary-key order: every lock is taken in id order, and none waited for
            for (List<String> chunk : InClause.chunks(sorted)) {
                try (PreparedStatement select = connection.prepareStatement("SELECT id, structure_revision, "
                        + "webhooks_revision FROM bh_base WHERE id IN (" + InClause.placeholders(chunk.size())
                        + ") ORDER BY id FOR UPDATE SKIP LOCKED")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        select.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet result = select.executeQuery()) {
                        while (result.next()) {
                            String id = result.getString(1);
                            structure.locked(id, result.getLong(2), result.getLong(3));
                            locked.add(new BaseId(id));
                        }
                    }
                }
            }
            return locked;
        });
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
