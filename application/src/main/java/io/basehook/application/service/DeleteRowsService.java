package io.basehook.application.service;

import io.basehook.application.delivery.ChangeRecorder;
import io.basehook.application.port.in.DeleteRowsCommand;
import io.basehook.application.port.in.DeleteRowsUseCase;
import io.basehook.application.port.out.RowRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.row.ChangeEvent;
import io.basehook.domain.row.Row;
import io.basehook.domain.row.RowId;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.table.Table;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

public final class DeleteRowsService implements DeleteRowsUseCase {

    private final RowRepository rows;
    private final Limits limits;
    private final ContentLanes<DeleteRowsCommand, Integer> lanes;

    public DeleteRowsService(Lookup lookup, RowRepository rows, ChangeRecorder changes, TransactionRunner transactions,
                             Limits limits, Clock clock) {
        this.rows = rows;
        this.limits = limits;
        this.lanes = new ContentLanes<>(transactions, lookup, rows, changes, clock, DeleteRowsCommand::baseId,
                command -> command.ids().size(), limits.maxRowsPerBatch(), this::delete);
    }

    @Override
    public int deleteRows(DeleteRowsCommand command) {
        command.actor().requireWrite(command.baseId());
        RowBatches.requireWithin(command.ids().size(), limits, "ids");
        return lanes.submit(command);
    }

    /** One delete of a combined transaction, seeing what the ones before it deleted. */
    private int delete(DeleteRowsCommand command, ContentBatch batch) {
        Table table = batch.table(command.tableId());
        Map<RowId, Row> existing = rows.findByIds(command.baseId(), command.tableId(), command.ids());
        if (command.requireAll() && existing.size() < command.ids().size()) {
            RowId missing = command.ids().stream().filter(id -> !existing.containsKey(id)).findFirst().orElseThrow();
            throw BasehookException.notFound("row_not_found", "no row with id " + missing + " in table " + table.id());
        }
        List<RowId> ids = new ArrayList<>(existing.size());
        List<ChangeEvent> events = new ArrayList<>(existing.size());
        for (RowId id : command.ids()) {
            Row row = existing.get(id);
            if (row != null) {
                ids.add(id);
                events.add(row.delete(table, command.actor(), batch.now()));
            }
        }
        if (!ids.isEmpty()) {
            rows.deleteAll(command.baseId(), command.tableId(), ids);
            events.forEach(batch::add);
        }
        return ids.size();
    }
}
