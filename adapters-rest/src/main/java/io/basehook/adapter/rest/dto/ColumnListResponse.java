package io.basehook.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.basehook.domain.table.Column;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** {@code GET /bases/{baseId}/tables/{tableId}/columns}: {@code {columns:[Column]}}. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ColumnListResponse(List<ColumnResponse> columns) {

    public static ColumnListResponse from(List<Column> columns) {
        return new ColumnListResponse(columns.stream().map(ColumnResponse::from).toList());
    }
}
