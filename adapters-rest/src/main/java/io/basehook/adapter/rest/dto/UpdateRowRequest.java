package io.basehook.adapter.rest.dto;

import io.basehook.application.port.in.RowValues;
import io.basehook.application.port.in.UpdateRowsCommand;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.RowId;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.shared.FieldError;
import io.basehook.domain.table.TableId;
import io.basehook.domain.table.ValuesKeyedBy;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code PATCH .../rows/{rowId}}: {@code {values:{...}}}, only the named cells; a null value clears its cell.
 * Read with {@link ExactJson}, and sent to the batch use case as a batch of one.
 */
public record UpdateRowRequest(@Schema(description = RowCells.DESCRIPTION, requiredMode = Schema.RequiredMode.REQUIRED,
        additionalProperties = Schema.AdditionalPropertiesValue.TRUE) Map<String, Object> values) {

    private static final Set<String> MEMBERS = Set.of("values");

    private static final String BATCH_PREFIX = "updates[0].";

    public static UpdateRowRequest read(byte[] body) {
        Map<String, Object> root = RequestFields.jsonObject(body, MEMBERS);
        return new UpdateRowRequest(RequestFields.object(RequestFields.required(root.get("values"), "values"), "values"));
    }

    public UpdateRowsCommand toCommand(Actor actor, BaseId baseId, TableId tableId, RowId rowId,
                                       ValuesKeyedBy keyedBy) {
        return new UpdateRowsCommand(actor, baseId, tableId, List.of(new RowValues(rowId, values)), keyedBy);
    }

    /** The use case names fields as in a batch ({@code updates[0].values.Prio}); this body said {@code values.Prio}. */
    public static BasehookException asSent(BasehookException e) {
        if (e.errors().stream().noneMatch(error -> error.field().startsWith(BATCH_PREFIX))) {
            return e;
        }
        return new BasehookException(e.kind(), e.code(), e.getMessage(), e.errors().stream()
                .map(error -> error.field().startsWith(BATCH_PREFIX)
                        ? new FieldError(error.field().substring(BATCH_PREFIX.length()),
                        error.message())
                        : error)
                .toList());
    }
}
