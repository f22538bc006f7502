package io.basehook.adapter.rest.dto;

import io.basehook.application.port.in.RowValues;
import io.basehook.application.port.in.UpdateRowsCommand;
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

/** {@code PATCH .../rows}: {@code {updates:[{id, values}]}}, read with {@link ExactJson}; a null value clears its cell. */
public record UpdateRowsRequest(
        @ArraySchema(schema = @Schema(implementation = RowUpdate.class)) List<RowValues> updates) {

    /** One update as sent, for the OpenAPI document: the id of a row and the cells to set. */
    @Schema(name = "RowUpdate")
    record RowUpdate(String id, @Schema(description = RowCells.DESCRIPTION, requiredMode = Schema.RequiredMode.REQUIRED,
            additionalProperties = Schema.AdditionalPropertiesValue.TRUE) Map<String, Object> values) {
    }

    private static final Set<String> MEMBERS = Set.of("updates");
    private static final Set<String> UPDATE_MEMBERS = Set.of("id", "values");

    public static UpdateRowsRequest read(byte[] body) {
        Map<String, Object> root = RequestFields.jsonObject(body, MEMBERS);
        List<?> given = RequestFields.array(RequestFields.required(root.get("updates"), "updates"), "updates");
        List<RowValues> updates = new ArrayList<>(given.size());
        for (int i = 0; i < given.size(); i++) {
            String field = "updates[" + i + "]";
            Map<String, Object> update = RequestFields.only(RequestFields.object(given.get(i), field), UPDATE_MEMBERS, field);
            Map<String, Object> values = RequestFields.object(
                    RequestFields.required(update.get("values"), field + ".values"), field + ".values");
            updates.add(new RowValues(RequestFields.rowId(update.get("id"), field + ".id"), values));
        }
        return new UpdateRowsRequest(updates);
    }

    public UpdateRowsCommand toCommand(Actor actor, BaseId baseId, TableId tableId, ValuesKeyedBy keyedBy) {
        return new UpdateRowsCommand(actor, baseId, tableId, updates, keyedBy);
    }
}
