package io.basehook.adapter.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface TableEntityRepository extends GenericRepository<TableEntity, Long> {

    TableEntity save(TableEntity table);

    Optional<TableEntity> findByBaseIdAndTableId(String baseId, String tableId);

    List<TableEntity> findByBaseIdOrderByPk(String baseId);

    @Query("UPDATE bh_table SET name = :name, columns = :columns WHERE base_id = :baseId AND id = :tableId")
    int rewrite(String baseId, String tableId, String name, String columns);

    int deleteByBaseIdAndTableId(String baseId, String tableId);
}
