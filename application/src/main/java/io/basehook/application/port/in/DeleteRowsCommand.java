package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.RowId;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.table.TableId;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Rows to delete. With {@code requireAll} a missing row is {@code row_not_found} (deleting one row by its
 * URL); without it, missing rows are skipped and counted out (a batch).
 */
public record DeleteRowsCommand(Actor actor, BaseId baseId, TableId tableId, List<RowId> ids, boolean requireAll) {
    public DeleteRowsCommand {
        Objects.requireNonNull(actor);
        Objects.requireNonNull(baseId);
        Objects.requireNonNull(tableId);
        if (ids == null || ids.isEmpty()) {
            throw BasehookException.invalid("invalid_batch", "ids", "ids must hold at least one row id");
        }
        ids = List.copyOf(new LinkedHashSet<>(ids));
    }
}
