package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.table.ColumnSpec;
import io.basehook.domain.table.TableId;

import java.util.Objects;

public record AddColumnCommand(Actor actor, BaseId baseId, TableId tableId, ColumnSpec column) {
    public AddColumnCommand {
        Objects.requireNonNull(actor);
        Objects.requireNonNull(baseId);
        Objects.requireNonNull(tableId);
        Objects.requireNonNull(column);
    }
}
