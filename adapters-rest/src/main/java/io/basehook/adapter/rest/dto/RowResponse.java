package io.basehook.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.basehook.domain.cell.CellValue;
import io.basehook.domain.row.Row;
import io.basehook.domain.table.Column;
import io.basehook.domain.table.Table;
import io.basehook.domain.table.ValuesKeyedBy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A row: {@code {id, createdAt, updatedAt, values}} with values by column name (or key) in column order; empty cells
 * and cells of columns deleted since are left out.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RowResponse(String id, String createdAt, String updatedAt, Map<String, Object> values) {

    public static RowResponse from(Table table, Row row) {
        return from(table, row, ValuesKeyedBy.NAME);
    }

    public static RowResponse from(Table table, Row row, ValuesKeyedBy keyedBy) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Column column : table.columns()) {
            CellValue cell = row.cells().get(column.key());
            Object rendered = column.render(cell);
            if (rendered != null) {
                values.put(keyedBy.of(column), rendered);
            }
        }
        return new RowResponse(row.id().value(), IsoTimes.format(row.createdAt()), IsoTimes.format(row.updatedAt()),
                values);
    }
}
