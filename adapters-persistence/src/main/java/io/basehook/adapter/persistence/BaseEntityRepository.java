package io.basehook.adapter.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface BaseEntityRepository extends GenericRepository<BaseEntity, String> {

    BaseEntity save(BaseEntity base);

    Optional<BaseEntity> findById(String id);

    @Query("SELECT * FROM bh_base WHERE id = :id FOR UPDATE")
    Optional<BaseEntity> lockById(String id);

    @Query("UPDATE bh_base SET name = :name WHERE id = :id")
    void updateName(String id, String name);

    @Query("UPDATE bh_base SET structure_revision = structure_revision + 1 WHERE id = :id")
    void raiseStructureRevision(String id);

    @Query("UPDATE bh_base SET webhooks_revision = webhooks_revision + 1 WHERE id = :id")
    void raiseWebhooksRevision(String id);

    @Query("SELECT * FROM bh_base ORDER BY created_at, id")
    List<BaseEntity> listInCreationOrder();

    int deleteById(String id);

    Optional<Long> findLastSeqById(String id);
}
