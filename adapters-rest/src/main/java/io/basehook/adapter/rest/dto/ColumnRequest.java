package io.basehook.adapter.rest.dto;

import io.basehook.application.port.in.AddColumnCommand;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.table.ColumnSpec;
import io.basehook.domain.table.ColumnType;
import io.basehook.domain.table.OptionSpec;
import io.basehook.domain.table.TableId;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;

/** A new column, {@code {name, type, options?}}: the body of {@code POST .../columns} and an item of a new table's columns. */
@Serdeable
public record ColumnRequest(String name, String type, @Schema(requiredMode = NOT_REQUIRED) List<OptionRequest> options)
        implements JsonRequest {

    public AddColumnCommand toCommand(Actor actor, BaseId baseId, TableId tableId) {
        return new AddColumnCommand(actor, baseId, tableId, toSpec(""));
    }

    /** @param prefix how the client reached this column, e.g. {@code columns[2]}, for error fields */
    ColumnSpec toSpec(String prefix) {
        String columnName = RequestFields.required(name, RequestFields.path(prefix, "name"));
        String typeField = RequestFields.path(prefix, "type");
        ColumnType columnType = ColumnType.fromWireName(RequestFields.required(type, typeField), typeField);
        return new ColumnSpec(columnName, columnType, optionSpecs(options));
    }

    static List<OptionSpec> optionSpecs(List<OptionRequest> options) {
        return options == null ? null : options.stream().map(OptionRequest::toSpec).toList();
    }
}
