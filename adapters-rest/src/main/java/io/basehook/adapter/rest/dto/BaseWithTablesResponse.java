package io.basehook.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.basehook.application.port.in.BaseWithTables;

import java.util.List;

/** {@code GET /bases/{baseId}}: the base and its tables with their columns. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BaseWithTablesResponse(String id, String name, String createdAt, List<TableResponse> tables) {

    public static BaseWithTablesResponse from(BaseWithTables found) {
        return new BaseWithTablesResponse(found.base().id().value(), found.base().name(),
                IsoTimes.format(found.base().createdAt()), found.tables().stream().map(TableResponse::from).toList());
    }
}
