package io.basehook.adapter.rest.dto;

import io.basehook.application.port.in.CreateBaseCommand;
import io.basehook.domain.access.Actor;
import io.micronaut.serde.annotation.Serdeable;

/** {@code POST /bases}: {@code {name}}. */
@Serdeable
public record CreateBaseRequest(String name) implements JsonRequest {

    public CreateBaseCommand toCommand(Actor actor) {
        return new CreateBaseCommand(actor, RequestFields.required(name, "name"));
    }
}
