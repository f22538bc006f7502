package io.basehook.adapter.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

/**
 * A row of {@code bh_table}. {@code pk} only records creation order; the table's identity is
 * ({@code baseId}, {@code tableId}). {@code columns} is the JSON of {@link ColumnsJson}.
 */
@MappedEntity("bh_table")
record TableEntity(@Id @GeneratedValue @Nullable Long pk, String baseId, @MappedProperty("id") String tableId,
                   String name, String columns, long createdAt) {
}
