package io.basehook.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.basehook.domain.table.Table;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** {@code GET /bases/{baseId}/tables}: {@code {tables:[Table]}}. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TableListResponse(List<TableResponse> tables) {

    public static TableListResponse from(List<Table> tables) {
        return new TableListResponse(tables.stream().map(TableResponse::from).toList());
    }
}
