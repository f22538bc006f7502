package io.basehook.application.service;

import io.basehook.application.port.in.RowValues;
import io.basehook.application.port.in.TableRows;
import io.basehook.application.port.in.UpdateRowsCommand;
import io.basehook.application.port.in.UpdateRowsUseCase;
import io.basehook.application.port.out.RowRepository;
import io.basehook.application.write.ContentWrites;
import io.basehook.application.write.WriteBudget;
import io.basehook.application.write.WriteSize;
import io.basehook.domain.row.ChangeEvent;
import io.basehook.domain.row.Row;
import io.basehook.domain.row.RowId;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.shared.FieldError;
import io.basehook.domain.table.CellPatch;
import io.basehook.domain.table.Table;
import io.basehook.domain.table.ValuesKeyedBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Updates rows: with the base locked, every new value is checked first, then the rows are read as they are now and
 * each is updated; the rows whose values really changed are stored and recorded as {@code modify_row} changes (an
 * update that changes nothing sends nothing).
 */
public final class UpdateRowsService implements UpdateRowsUseCase {

    private final ContentWrites writes;
    private final RowRepository rows;
    private final Limits limits;
    private final WriteBudget budget;

    public UpdateRowsService(ContentWrites writes, RowRepository rows, Limits limits, WriteBudget budget) {
        this.writes = writes;
        this.rows = rows;
        this.limits = limits;
        this.budget = budget;
    }

    @Override
    public TableRows updateRows(UpdateRowsCommand command) {
        command.actor().requireWrite(command.baseId());
        RowBatches.requireWithin(command.updates().size(), limits, "updates");
        // an update holds the rows it changes as they were, besides its new values
        long bytes = 2 * command.updates().stream().mapToLong(update -> WriteSize.ofRow(update.values())).sum();
        try (WriteBudget.Permit admitted = budget.admit(bytes)) {
            return writes.inLockedBase(command.baseId(), command.updates().size(), bytes, base -> {
                Table table = base.table(command.tableId());
                List<CellPatch> patches = validated(table, command.updates(), command.keyedBy());
                // read after the writes before it in the same transaction: two updates of one row chain their values
                Map<RowId, Row> existing = rows.findByIds(command.baseId(), command.tableId(),
                        command.updates().stream().map(RowValues::id).toList());
                List<Row> result = new ArrayList<>(patches.size());
                List<Row> changed = new ArrayList<>();
                List<ChangeEvent> events = new ArrayList<>();
                for (int i = 0; i < patches.size(); i++) {
                    Row row = existing(existing, command.updates().get(i).id(), table);
                    Row.Updated update = row.update(table, patches.get(i), command.actor(), base.now());
                    result.add(update.row());
                    update.event().ifPresent(event -> {
                        changed.add(update.row());
                        events.add(event);
                    });
                }
                if (!changed.isEmpty()) {
                    rows.updateAll(command.baseId(), changed);
                    events.forEach(base::record);
                }
                return new TableRows(table, result);
            });
        }
    }

    private static List<CellPatch> validated(Table table, List<RowValues> updates, ValuesKeyedBy keyedBy) {
        List<FieldError> errors = new ArrayList<>();
        List<CellPatch> patches = new ArrayList<>(updates.size());
        for (int i = 0; i < updates.size(); i++) {
            patches.add(table.parseValues(updates.get(i).values(), keyedBy, "updates[" + i + "].values", errors));
        }
        RowBatches.requireValid(errors);
        return patches;
    }

    private static Row existing(Map<RowId, Row> existing, RowId id, Table table) {
        Row row = existing.get(id);
        if (row == null) {
            throw BasehookException.notFound("row_not_found", "no row with id " + id + " in table " + table.id());
        }
        return row;
    }
}
