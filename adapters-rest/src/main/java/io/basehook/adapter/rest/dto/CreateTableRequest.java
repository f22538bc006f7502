package io.basehook.adapter.rest.dto;

import io.basehook.application.port.in.CreateTableCommand;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.table.ColumnSpec;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.ArrayList;
import java.util.List;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;

/** {@code POST /bases/{baseId}/tables}: {@code {name, columns?}}; without columns the table gets one text column. */
@Serdeable
public record CreateTableRequest(String name, @Schema(requiredMode = NOT_REQUIRED) List<ColumnRequest> columns)
        implements JsonRequest {

    public CreateTableCommand toCommand(Actor actor, BaseId baseId) {
        String tableName = RequestFields.required(name, "name");
        List<ColumnSpec> specs = new ArrayList<>();
        if (columns != null) {
            for (int i = 0; i < columns.size(); i++) {
                String field = "columns[" + i + "]";
                specs.add(RequestFields.required(columns.get(i), field).toSpec(field));
            }
        }
        return new CreateTableCommand(actor, baseId, tableName, specs);
    }
}
