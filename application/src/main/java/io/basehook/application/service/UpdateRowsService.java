package io.basehook.application.service;

import io.basehook.application.delivery.ChangeRecorder;
import io.basehook.application.port.in.RowValues;
import io.basehook.application.port.in.TableRows;
import io.basehook.application.port.in.UpdateRowsCommand;
import io.basehook.application.port.in.UpdateRowsUseCase;
import io.basehook.application.port.out.RowRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.row.ChangeEvent;
import io.basehook.domain.row.Row;
import io.basehook.domain.row.RowId;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.shared.FieldError;
import io.basehook.domain.table.CellPatch;
import io.basehook.domain.table.Table;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

public final class UpdateRowsService implements UpdateRowsUseCase {

    private final RowRepository rows;
    private final Limits limits;
    private final WriteBudget budget;
    private final ContentLanes<UpdateRowsCommand, TableRows> lanes;

    /** Without a write budget worth the name: for tests of what an update writes. */
    public UpdateRowsService(Lookup lookup, RowRepository rows, ChangeRecorder changes, TransactionRunner transactions,
                             Limits limits, Clock clock) {
        this(lookup, rows, changes, transactions, limits, clock, WriteBudget.UNBOUNDED);
    }

    public UpdateRowsService(Lookup lookup, RowRepository rows, ChangeRecorder changes, TransactionRunner transactions,
                             Limits limits, Clock clock, WriteBudget budget) {
        this.rows = rows;
        this.limits = limits;
        this.budget = budget;
        this.lanes = new ContentLanes<>(transactions, lookup, rows, changes, clock, UpdateRowsCommand::baseId,
                command -> command.updates().size(), limits.maxRowsPerBatch(), this::update);
    }

    @Override
    public TableRows updateRows(UpdateRowsCommand command) {
        command.actor().requireWrite(command.baseId());
        RowBatches.requireWithin(command.updates().size(), limits, "updates");
        // an update holds the rows it changes as they were, besides its new values
        long bytes = 2 * command.updates().stream().mapToLong(update -> WriteSize.ofRow(update.values())).sum();
        try (WriteBudget.Permit admitted = budget.admit(bytes)) {
            return lanes.submit(command, bytes);
        }
    }

    /**
     * One update of a combined transaction: it reads its rows after the ones before it wrote theirs, so two updates
     * of one row chain their old values; its events are recorded with all the others at the end.
     */
    private TableRows update(UpdateRowsCommand command, ContentBatch batch) {
        Table table = batch.table(command.tableId());
        List<FieldError> errors = new ArrayList<>();
        List<CellPatch> patches = new ArrayList<>(command.updates().size());
        for (int i = 0; i < command.updates().size(); i++) {
            patches.add(table.parseValues(command.updates().get(i).values(), "updates[" + i + "].values", errors));
        }
        RowBatches.requireValid(errors);
        Map<RowId, Row> existing = rows.findByIds(command.baseId(), command.tableId(),
                command.updates().stream().map(RowValues::id).toList());
        List<Row> result = new ArrayList<>(patches.size());
        List<Row> changed = new ArrayList<>();
        List<ChangeEvent> events = new ArrayList<>();
        for (int i = 0; i < patches.size(); i++) {
            RowId id = command.updates().get(i).id();
            Row row = existing.get(id);
            if (row == null) {
                throw BasehookException.notFound("row_not_found", "no row with id " + id + " in table " + table.id());
            }
            Row.Updated update = row.update(table, patches.get(i), command.actor(), batch.now());
            result.add(update.row());
            update.event().ifPresent(event -> {
                changed.add(update.row());
                events.add(event);
            });
        }
        if (!changed.isEmpty()) {
            rows.updateAll(command.baseId(), changed);
            events.forEach(batch::add);
        }
        return new TableRows(table, result);
    }
}
