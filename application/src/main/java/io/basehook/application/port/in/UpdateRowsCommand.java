package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.RowId;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.table.TableId;
import io.basehook.domain.table.ValuesKeyedBy;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Updates of rows, each with values by column name or key. */
public record UpdateRowsCommand(Actor actor, BaseId baseId, TableId tableId, List<RowValues> updates,
                                ValuesKeyedBy keyedBy) {
    public UpdateRowsCommand {
        Objects.requireNonNull(actor);
        Objects.requireNonNull(keyedBy);
        Objects.requireNonNull(baseId);
        Objects.requireNonNull(tableId);
        if (updates == null || updates.isEmpty()) {
            throw BasehookException.invalid("invalid_batch", "updates", "updates must hold at least one row");
        }
        updates = List.copyOf(updates);
        Set<RowId> seen = new HashSet<>();
        for (int i = 0; i < updates.size(); i++) {
            if (!seen.add(updates.get(i).id())) {
                throw BasehookException.invalid("duplicate_row_id", "updates[" + i + "].id",
                        "row " + updates.get(i).id() + " is updated twice in one batch");
            }
        }
    }

    /** Updates with values by column name. */
    public UpdateRowsCommand(Actor actor, BaseId baseId, TableId tableId, List<RowValues> updates) {
        this(actor, baseId, tableId, updates, ValuesKeyedBy.NAME);
    }
}
