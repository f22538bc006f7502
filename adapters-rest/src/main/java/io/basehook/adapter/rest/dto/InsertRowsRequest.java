package io.basehook.adapter.rest.dto;

import io.basehook.application.port.in.InsertRowsCommand;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.table.TableId;
import io.basehook.domain.table.ValuesKeyedBy;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code POST .../rows}: {@code {rows:[{<column name or key>: value, ...}]}}, read with {@link ExactJson}. */
@Schema(description = "`POST .../rows`: `{rows:[{<column name or key>: value, ...}]}`, the rows to insert")
public record InsertRowsRequest(@ArraySchema(schema = @Schema(type = "object", description = RowCells.DESCRIPTION,
        additionalProperties = Schema.AdditionalPropertiesValue.TRUE)) List<Map<String, Object>> rows) {

    private static final Set<String> MEMBERS = Set.of("rows");

    public static InsertRowsRequest read(byte[] body) {
        Map<String, Object> root = RequestFields.jsonObject(body, MEMBERS);
        List<?> given = RequestFields.array(RequestFields.required(root.get("rows"), "rows"), "rows");
        List<Map<String, Object>> rows = new ArrayList<>(given.size());
        for (int i = 0; i < given.size(); i++) {
            rows.add(RequestFields.object(given.get(i), "rows[" + i + "]"));
        }
        return new InsertRowsRequest(rows);
    }

    public InsertRowsCommand toCommand(Actor actor, BaseId baseId, TableId tableId, ValuesKeyedBy keyedBy) {
        return new InsertRowsCommand(actor, baseId, tableId, rows, keyedBy);
    }
}
