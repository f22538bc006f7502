package io.basehook.application.write;

import io.basehook.application.lookup.Lookup;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.ChangeEvent;
import io.basehook.domain.row.Row;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.table.Table;
import io.basehook.domain.table.TableId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A base, locked for the transaction of a content write: its tables (each read once per transaction), one time for
 * the whole transaction, and what the writes create and change. The rows a write {@link #insert inserts} and the
 * changes it {@link #record records} are stored when every write of the transaction has run, together; each write
 * sees what the ones before it wrote.
 */
public final class LockedBase {

    private final BaseId baseId;
    private final Lookup lookup;
    private final Instant now;
    private final Map<TableId, Table> tables = new HashMap<>();
    private final List<ChangeEvent> events = new ArrayList<>();
    private final List<Row> inserted = new ArrayList<>();

    LockedBase(BaseId baseId, Lookup lookup, Instant now) {
        this.baseId = baseId;
        this.lookup = lookup;
        this.now = now;
    }

    /** The time of the transaction: every row and event it writes carries it. */
    public Instant now() {
        return now;
    }

    /** A table of the base, or "not found". */
    public Table table(TableId tableId) {
        Table table = tables.get(tableId);
        if (table == null) {
            table = lookup.table(baseId, tableId);
            tables.put(tableId, table);
        }
        return table;
    }

    /** New rows, stored with the others of the transaction. */
    public void insert(List<Row> rows) {
        inserted.addAll(rows);
    }

    /** A change of content: it becomes an event, and a delivery to each webhook of the base. */
    public void record(ChangeEvent event) {
        events.add(event);
    }

    /**
     * Runs each write in turn. A {@link BasehookException} fails that write alone.
     *
     * @return the first write's error if every write failed (there is nothing to store), otherwise null
     */
    BasehookException runEach(List<WriteCombiner.Slot<GroupCommit.Pending, Object>> slots) {
        BasehookException firstError = null;
        boolean anySucceeded = false;
        for (WriteCombiner.Slot<GroupCommit.Pending, Object> slot : slots) {
            try {
                slot.succeed(slot.command().write().run(this));
                anySucceeded = true;
            } catch (BasehookException e) {
                slot.fail(e);
                firstError = firstError == null ? e : firstError;
            }
        }
        return anySucceeded ? null : firstError;
    }

    BaseId baseId() {
        return baseId;
    }

    List<Row> inserted() {
        return inserted;
    }

    List<ChangeEvent> events() {
        return events;
    }
}
