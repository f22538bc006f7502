package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.table.ColumnSpec;

import java.util.List;
import java.util.Objects;

/** A new table; no columns means one text column "Name". */
public record CreateTableCommand(Actor actor, BaseId baseId, String name, List<ColumnSpec> columns) {
    public CreateTableCommand {
        Objects.requireNonNull(actor);
        Objects.requireNonNull(baseId);
        columns = columns == null ? List.of() : List.copyOf(columns);
    }
}
