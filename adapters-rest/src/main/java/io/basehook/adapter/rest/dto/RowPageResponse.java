package io.basehook.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.basehook.application.port.in.TableRowPage;

import io.basehook.domain.table.ValuesKeyedBy;

import java.util.List;

/** A page of rows: {@code {rows, nextCursor}}, nextCursor null on the last page. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RowPageResponse(List<RowResponse> rows, String nextCursor) {

    public static RowPageResponse from(TableRowPage page, ValuesKeyedBy keyedBy) {
        return new RowPageResponse(page.rows().stream().map(row -> RowResponse.from(page.table(), row, keyedBy))
                .toList(), page.nextCursor());
    }
}
