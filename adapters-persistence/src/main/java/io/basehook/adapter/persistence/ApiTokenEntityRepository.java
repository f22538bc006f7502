package io.basehook.adapter.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface ApiTokenEntityRepository extends GenericRepository<ApiTokenEntity, String> {

    ApiTokenEntity save(ApiTokenEntity token);

    Optional<ApiTokenEntity> findByTokenHash(String tokenHash);

    @Query("SELECT * FROM bh_api_token WHERE base_id = :baseId ORDER BY created_at, id")
    List<ApiTokenEntity> listByBase(String baseId);

    int deleteByBaseIdAndId(String baseId, String id);
}
