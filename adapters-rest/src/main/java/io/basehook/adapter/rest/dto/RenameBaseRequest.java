package io.basehook.adapter.rest.dto;

import io.basehook.application.port.in.RenameBaseCommand;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.micronaut.serde.annotation.Serdeable;

/** {@code PATCH /bases/{baseId}}: {@code {name}}. */
@Serdeable
public record RenameBaseRequest(String name) implements JsonRequest {

    public RenameBaseCommand toCommand(Actor actor, BaseId baseId) {
        return new RenameBaseCommand(actor, baseId, RequestFields.required(name, "name"));
    }
}
