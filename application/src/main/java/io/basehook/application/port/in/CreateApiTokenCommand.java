package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;
import io.basehook.domain.access.Permission;
import io.basehook.domain.base.BaseId;

import java.util.Objects;

public record CreateApiTokenCommand(Actor actor, BaseId baseId, String name, Permission permission) {
    public CreateApiTokenCommand {
        Objects.requireNonNull(actor);
        Objects.requireNonNull(baseId);
        Objects.requireNonNull(permission);
    }
}
