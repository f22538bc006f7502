package io.basehook.domain.row;

import io.basehook.domain.base.BaseId;
import io.basehook.domain.table.TableId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A change of a base's content: one row inserted, modified or deleted, with the cells it touched.
 * Only {@link Row}'s behaviour creates these; structure changes have no way to.
 */
public record ChangeEvent(EventId id, OpType type, BaseId baseId, TableId tableId, String tableName, RowId rowId,
                          String rowName, Instant occurredAt, String opUser, String opApp, List<CellChange> cells) {
    public ChangeEvent {
        Objects.requireNonNull(id);
        Objects.requireNonNull(type);
        Objects.requireNonNull(baseId);
        Objects.requireNonNull(tableId);
        Objects.requireNonNull(tableName);
        Objects.requireNonNull(rowId);
        Objects.requireNonNull(rowName);
        Objects.requireNonNull(occurredAt);
        Objects.requireNonNull(opUser);
        cells = List.copyOf(cells);
    }
}
