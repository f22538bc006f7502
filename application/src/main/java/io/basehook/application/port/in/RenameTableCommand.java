package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.table.TableId;

import java.util.Objects;

public record RenameTableCommand(Actor actor, BaseId baseId, TableId tableId, String name) {
    public RenameTableCommand {
        Objects.requireNonNull(actor);
        Objects.requireNonNull(baseId);
        Objects.requireNonNull(tableId);
    }
}
