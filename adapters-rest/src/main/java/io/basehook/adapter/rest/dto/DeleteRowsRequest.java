package io.basehook.adapter.rest.dto;

import io.basehook.application.port.in.DeleteRowsCommand;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.RowId;
import io.basehook.domain.table.TableId;
import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.List;

/** {@code DELETE .../rows}: {@code {ids:[...]}}; rows that do not exist are skipped and not counted. */
@Serdeable
public record DeleteRowsRequest(List<String> ids) implements JsonRequest {

    public DeleteRowsCommand toCommand(Actor actor, BaseId baseId, TableId tableId) {
        List<String> given = RequestFields.required(ids, "ids");
        List<RowId> rowIds = new ArrayList<>(given.size());
        for (int i = 0; i < given.size(); i++) {
            rowIds.add(RequestFields.rowId(given.get(i), "ids[" + i + "]"));
        }
        return new DeleteRowsCommand(actor, baseId, tableId, rowIds, false);
    }
}
