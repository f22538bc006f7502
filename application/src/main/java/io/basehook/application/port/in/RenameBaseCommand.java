package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;

import java.util.Objects;

public record RenameBaseCommand(Actor actor, BaseId baseId, String name) {
    public RenameBaseCommand {
        Objects.requireNonNull(actor);
        Objects.requireNonNull(baseId);
    }
}
