package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.table.ColumnKey;
import io.basehook.domain.table.ColumnType;
import io.basehook.domain.table.OptionSpec;
import io.basehook.domain.table.TableId;

import java.util.List;
import java.util.Objects;

/** A change of a column: each of {@code name}, {@code type}, {@code options} is null when it stays. */
public record ChangeColumnCommand(Actor actor, BaseId baseId, TableId tableId, ColumnKey key, String name,
                                  ColumnType type, List<OptionSpec> options) {
    public ChangeColumnCommand {
        Objects.requireNonNull(actor);
        Objects.requireNonNull(baseId);
        Objects.requireNonNull(tableId);
        Objects.requireNonNull(key);
        options = options == null ? null : List.copyOf(options);
    }
}
