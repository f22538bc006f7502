package io.basehook.application.service;

import io.basehook.application.port.in.InsertRowsCommand;
import io.basehook.application.port.in.InsertRowsUseCase;
import io.basehook.application.port.in.TableRows;
import io.basehook.application.port.out.RowRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.Row;
import io.basehook.domain.shared.FieldError;
import io.basehook.domain.table.CellPatch;
import io.basehook.domain.table.Table;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

public final class InsertRowsService implements InsertRowsUseCase {

    private final Lookup lookup;
    private final RowRepository rows;
    private final ChangeRecorder changes;
    private final TransactionRunner transactions;
    private final Limits limits;
    private final Clock clock;
    private final WriteCombiner<InsertRowsCommand, TableRows> combiner;

    public InsertRowsService(Lookup lookup, RowRepository rows, ChangeRecorder changes, TransactionRunner transactions,
                             Limits limits, Clock clock) {
        this.lookup = lookup;
        this.rows = rows;
        this.changes = changes;
        this.transactions = transactions;
        this.limits = limits;
        this.clock = clock;
        // one combined transaction carries no more rows than one request may
        this.combiner = new WriteCombiner<>(this::insertTogether, command -> command.rows().size(),
                limits.maxRowsPerBatch());
    }

    @Override
    public TableRows insertRows(InsertRowsCommand command) {
        command.actor().requireWrite(command.baseId());
        RowBatches.requireWithin(command.rows().size(), limits, "rows");
        return combiner.submit(command.baseId(), command);
    }

    /**
     * The inserts that reached one base meanwhile, in one transaction under one lock: each is checked on its own
     * (an invalid one fails alone), then all rows go in one batch and all events get their seqs at once.
     */
    private void insertTogether(BaseId baseId, List<WriteCombiner.Slot<InsertRowsCommand, TableRows>> slots) {
        List<Row> created = new ArrayList<>();
        ContentBatch.run(transactions, lookup, baseId, clock.instant(), slots, (command, batch) -> {
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
                batch.add(creation.event());
            }
            created.addAll(rows);
            return new TableRows(table, rows);
        }, batch -> {
            rows.insertAll(baseId, created);
            changes.record(baseId, batch.events());
        });
    }
}
