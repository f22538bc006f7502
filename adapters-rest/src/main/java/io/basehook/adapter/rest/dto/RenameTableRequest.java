package io.basehook.adapter.rest.dto;

import io.basehook.application.port.in.RenameTableCommand;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.table.TableId;
import io.micronaut.serde.annotation.Serdeable;

/** {@code PATCH /bases/{baseId}/tables/{tableId}}: {@code {name}}. */
@Serdeable
public record RenameTableRequest(String name) implements JsonRequest {

    public RenameTableCommand toCommand(Actor actor, BaseId baseId, TableId tableId) {
        return new RenameTableCommand(actor, baseId, tableId, RequestFields.required(name, "name"));
    }
}
