package io.basehook.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.basehook.application.port.in.TableRows;

import io.basehook.domain.table.ValuesKeyedBy;

import java.util.List;

/** Rows just written: {@code {rows:[Row]}}. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RowListResponse(List<RowResponse> rows) {

    public static RowListResponse from(TableRows written, ValuesKeyedBy keyedBy) {
        return new RowListResponse(written.rows().stream().map(row -> RowResponse.from(written.table(), row, keyedBy))
                .toList());
    }
}
