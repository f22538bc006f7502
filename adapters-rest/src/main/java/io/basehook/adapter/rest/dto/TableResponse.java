package io.basehook.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.basehook.domain.table.Table;

import java.util.List;

/** A table: {@code {id, name, createdAt, columns}}, the first column being the primary one. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TableResponse(String id, String name, String createdAt, List<ColumnResponse> columns) {

    public static TableResponse from(Table table) {
        return new TableResponse(table.id().value(), table.name(), IsoTimes.format(table.createdAt()),
                table.columns().stream().map(ColumnResponse::from).toList());
    }
}
