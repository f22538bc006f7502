package io.basehook.adapter.rest.dto;

import io.basehook.application.port.in.CreateApiTokenCommand;
import io.basehook.domain.access.Actor;
import io.basehook.domain.access.Permission;
import io.basehook.domain.base.BaseId;
import io.micronaut.serde.annotation.Serdeable;

/** {@code POST /bases/{baseId}/api-tokens}: {@code {name, permission}} with permission read-write or read-only. */
@Serdeable
public record CreateApiTokenRequest(String name, String permission) implements JsonRequest {

    public CreateApiTokenCommand toCommand(Actor actor, BaseId baseId) {
        String tokenName = RequestFields.required(name, "name");
        Permission wanted = Permission.fromWireName(RequestFields.required(permission, "permission"), "permission");
        return new CreateApiTokenCommand(actor, baseId, tokenName, wanted);
    }
}
