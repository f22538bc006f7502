package io.basehook.domain.row;

import io.basehook.domain.access.Actor;
import io.basehook.domain.cell.CellValue;
import io.basehook.domain.table.CellPatch;
import io.basehook.domain.table.Column;
import io.basehook.domain.table.ColumnChange;
import io.basehook.domain.table.ColumnKey;
import io.basehook.domain.table.Table;
import io.basehook.domain.table.TableId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A row of a table: cells by column key. Every content change goes through this class and returns the
 * {@link ChangeEvent} that describes it, so a change without its event cannot be expressed.
 */
public final class Row {

    /** A new row and its {@code insert_row} event. */
    public record Created(Row row, ChangeEvent event) {
    }

    /** An updated row and its {@code modify_row} event, absent when no value really changed. */
    public record Updated(Row row, Optional<ChangeEvent> event) {
    }

    private final RowId id;
    private final TableId tableId;
    private final Map<ColumnKey, CellValue> cells;
    private final Instant createdAt;
    private final Instant updatedAt;

    private Row(RowId id, TableId tableId, Map<ColumnKey, CellValue> cells, Instant createdAt, Instant updatedAt) {
        this.id = Objects.requireNonNull(id);
        this.tableId = Objects.requireNonNull(tableId);
        this.cells = withoutEmpty(cells);
        this.createdAt = Objects.requireNonNull(createdAt);
        this.updatedAt = Objects.requireNonNull(updatedAt);
    }

    public static Created create(Table table, CellPatch values, Actor actor, Instant now) {
        Row row = new Row(RowId.random(), table.id(), values.set(), now, now);
        List<CellChange> changes = new ArrayList<>();
        for (Column column : table.columns()) {
            CellValue value = row.cells.get(column.key());
            if (value != null) {
                changes.add(new CellChange(column, value, null));
            }
        }
        return new Created(row, row.event(OpType.INSERT_ROW, table, changes, actor, now));
    }

    public static Row restore(RowId id, TableId tableId, Map<ColumnKey, CellValue> cells, Instant createdAt,
                              Instant updatedAt) {
        return new Row(id, tableId, cells, createdAt, updatedAt);
    }

    /** Applies a partial update; cells the patch does not name stay as they are. */
    public Updated update(Table table, CellPatch patch, Actor actor, Instant now) {
        Map<ColumnKey, CellValue> next = new HashMap<>(cells);
        next.putAll(patch.set());
        patch.cleared().forEach(next::remove);
        List<CellChange> changes = new ArrayList<>();
        for (Column column : table.columns()) {
            CellValue before = cells.get(column.key());
            CellValue after = next.get(column.key());
            if (!Objects.equals(before, after)) {
                changes.add(new CellChange(column, after, before));
            }
        }
        if (changes.isEmpty()) {
            return new Updated(this, Optional.empty());
        }
        Row updated = new Row(id, tableId, next, createdAt, now);
        return new Updated(updated, Optional.of(updated.event(OpType.MODIFY_ROW, table, changes, actor, now)));
    }

    public ChangeEvent delete(Table table, Actor actor, Instant now) {
        List<CellChange> changes = new ArrayList<>();
        for (Column column : table.columns()) {
            CellValue value = cells.get(column.key());
            if (value != null) {
                changes.add(new CellChange(column, null, value));
            }
        }
        return event(OpType.DELETE_ROW, table, changes, actor, now);
    }

    /**
     * The row after a change of structure of one column: a structure change sends no event, so this
     * returns no event either. Empty when the row's cell needs no change.
     */
    public Optional<Row> adoptedTo(ColumnChange change) {
        ColumnKey key = change.after().key();
        CellValue before = cells.get(key);
        CellValue after = change.after().adopt(change.before(), before);
        if (Objects.equals(before, after)) {
            return Optional.empty();
        }
        Map<ColumnKey, CellValue> next = new HashMap<>(cells);
        if (after == null) {
            next.remove(key);
        } else {
            next.put(key, after);
        }
        return Optional.of(new Row(id, tableId, next, createdAt, updatedAt));
    }

    /** An unticked checkbox is the empty cell; dropping it here keeps one representation whatever was stored. */
    private static Map<ColumnKey, CellValue> withoutEmpty(Map<ColumnKey, CellValue> cells) {
        if (!cells.containsValue(new CellValue.Checkbox(false))) {
            return Map.copyOf(cells);
        }
        Map<ColumnKey, CellValue> kept = new HashMap<>(cells);
        kept.values().removeIf(value -> value.equals(new CellValue.Checkbox(false)));
        return Map.copyOf(kept);
    }

    private ChangeEvent event(OpType type, Table table, List<CellChange> changes, Actor actor, Instant now) {
        return new ChangeEvent(EventId.at(now), type, table.baseId(), table.id(), table.name(), id,
                table.rowName(cells), now, actor.opUser(), actor.opApp(), changes);
    }

    public RowId id() {
        return id;
    }

    public TableId tableId() {
        return tableId;
    }

    /** Non-empty cells by column key; a key of a column deleted since may linger until the row is rewritten. */
    public Map<ColumnKey, CellValue> cells() {
        return cells;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
