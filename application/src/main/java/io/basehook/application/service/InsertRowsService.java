package io.basehook.application.service;

import io.basehook.application.delivery.ChangeRecorder;
import io.basehook.application.port.in.InsertRowsCommand;
import io.basehook.application.port.in.InsertRowsUseCase;
import io.basehook.application.port.in.TableRows;
import io.basehook.application.port.out.RowRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.row.Row;
import io.basehook.domain.shared.FieldError;
import io.basehook.domain.table.CellPatch;
import io.basehook.domain.table.Table;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

public final class InsertRowsService implements InsertRowsUseCase {

    private final Limits limits;
    private final WriteBudget budget;
    private final ContentLanes<InsertRowsCommand, TableRows> lanes;

    /** Without a write budget worth the name: for tests of what an insert writes. */
    public InsertRowsService(Lookup lookup, RowRepository rows, ChangeRecorder changes, TransactionRunner transactions,
                             Limits limits, Clock clock) {
        this(lookup, rows, changes, transactions, limits, clock, WriteBudget.UNBOUNDED);
    }

    public InsertRowsService(Lookup lookup, RowRepository rows, ChangeRecorder changes, TransactionRunner transactions,
                             Limits limits, Clock clock, WriteBudget budget) {
        this.limits = limits;
        this.budget = budget;
        // one combined transaction carries no more rows than one request may
        this.lanes = new ContentLanes<>(transactions, lookup, rows, changes, clock, InsertRowsCommand::baseId,
                command -> command.rows().size(), limits.maxRowsPerBatch(), InsertRowsService::insert);
    }

    @Override
    public TableRows insertRows(InsertRowsCommand command) {
        command.actor().requireWrite(command.baseId());
        RowBatches.requireWithin(command.rows().size(), limits, "rows");
        long bytes = WriteSize.ofRows(command.rows());
        try (WriteBudget.Permit admitted = budget.admit(bytes)) {
            return lanes.submit(command, bytes);
        }
    }

    /**
     * One insert of a combined transaction: every row checked first (one error names every bad value, and nothing of
     * this insert is written), then its rows and one insert_row event each; all rows of the batch go in together.
     */
    private static TableRows insert(InsertRowsCommand command, ContentBatch batch) {
        Table table = batch.table(command.tableId());
        List<FieldError> errors = new ArrayList<>();
        List<CellPatch> values = new ArrayList<>(command.rows().size());
        for (int i = 0; i < command.rows().size(); i++) {
            values.add(table.parseValues(command.rows().get(i), "rows[" + i + "]", errors));
        }
        RowBatches.requireValid(errors);
        List<Row> rows = new ArrayList<>(values.size());
        for (CellPatch patch : values) {
            Row.Created creation = Row.create(table, patch, command.actor(), batch.now());
            rows.add(creation.row());
            batch.insert(creation.row());
            batch.add(creation.event());
        }
        return new TableRows(table, rows);
    }
}
