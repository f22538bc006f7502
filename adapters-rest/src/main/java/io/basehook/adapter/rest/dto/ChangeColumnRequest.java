package io.basehook.adapter.rest.dto;

import io.basehook.application.port.in.ChangeColumnCommand;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.table.ColumnKey;
import io.basehook.domain.table.ColumnType;
import io.basehook.domain.table.TableId;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;

/** {@code PATCH .../columns/{key}}: {@code {name?, type?, options?}}; what is absent stays as it is. */
@Serdeable
public record ChangeColumnRequest(@Schema(requiredMode = NOT_REQUIRED) String name,
                                  @Schema(requiredMode = NOT_REQUIRED) String type,
                                  @Schema(requiredMode = NOT_REQUIRED) List<OptionRequest> options)
        implements JsonRequest {

    public ChangeColumnCommand toCommand(Actor actor, BaseId baseId, TableId tableId, ColumnKey key) {
        ColumnType newType = type == null ? null : ColumnType.fromWireName(type, "type");
        return new ChangeColumnCommand(actor, baseId, tableId, key, name, newType, ColumnRequest.optionSpecs(options));
    }
}
