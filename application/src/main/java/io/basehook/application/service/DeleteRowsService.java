package io.basehook.application.service;

import io.basehook.application.port.in.DeleteRowsCommand;
import io.basehook.application.port.in.DeleteRowsUseCase;
import io.basehook.application.port.out.RowRepository;
import io.basehook.application.write.ContentWrites;
import io.basehook.domain.row.ChangeEvent;
import io.basehook.domain.row.Row;
import io.basehook.domain.row.RowId;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.table.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Deletes rows: with the base locked, the rows are read as they are now (all of them must exist when the command
 * requires it), deleted, and recorded as {@code delete_row} changes carrying their last values.
 */
public final class DeleteRowsService implements DeleteRowsUseCase {

    private final ContentWrites writes;
    private final RowRepository rows;
    private final Limits limits;

    public DeleteRowsService(ContentWrites writes, RowRepository rows, Limits limits) {
        this.writes = writes;
        this.rows = rows;
        this.limits = limits;
    }

    @Override
    public int deleteRows(DeleteRowsCommand command) {
        command.actor().requireWrite(command.baseId());
        RowBatches.requireWithin(command.ids().size(), limits, "ids");
        return writes.inLockedBase(command.baseId(), command.ids().size(), 0, base -> {
            Table table = base.table(command.tableId());
            // read after the writes before it in the same transaction: a row deleted there is gone here
            Map<RowId, Row> existing = rows.findByIds(command.baseId(), command.tableId(), command.ids());
            if (command.requireAll() && existing.size() < command.ids().size()) {
                RowId missing = command.ids().stream().filter(id -> !existing.containsKey(id)).findFirst()
                        .orElseThrow();
                throw BasehookException.notFound("row_not_found",
                        "no row with id " + missing + " in table " + table.id());
            }
            List<RowId> ids = new ArrayList<>(existing.size());
            List<ChangeEvent> events = new ArrayList<>(existing.size());
            for (RowId id : command.ids()) {
                Row row = existing.get(id);
                if (row != null) {
                    ids.add(id);
                    events.add(row.delete(table, command.actor(), base.now()));
                }
            }
            if (!ids.isEmpty()) {
                rows.deleteAll(command.baseId(), command.tableId(), ids);
                events.forEach(base::record);
            }
            return ids.size();
        });
    }
}
