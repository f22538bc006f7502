package io.basehook.application.service;

import io.basehook.application.port.in.InsertRowsCommand;
import io.basehook.application.port.in.InsertRowsUseCase;
import io.basehook.application.port.in.TableRows;
import io.basehook.application.port.out.RowRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.ChangeEvent;
import io.basehook.domain.row.Row;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.shared.FieldError;
import io.basehook.domain.table.CellPatch;
import io.basehook.domain.table.Table;
import io.basehook.domain.table.TableId;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
     * The inserts that reached one base meanwhile, in one transaction under one lock: each is checked on its
     * own (an invalid one fails alone), then all rows go in one batch and all events get their seqs at once.
     */
    private void insertTogether(BaseId baseId, List<WriteCombiner.Slot<InsertRowsCommand, TableRows>> slots) {
        transactions.inTransaction(() -> {
            lookup.lockedBase(baseId);
            Map<TableId, Table> tables = new HashMap<>();
            Instant now = clock.instant();
            List<Row> created = new ArrayList<>();
            List<ChangeEvent> events = new ArrayList<>();
            BasehookException firstError = null;
            for (WriteCombiner.Slot<InsertRowsCommand, TableRows> slot : slots) {
                try {
                    InsertRowsCommand command = slot.command();
                    Table table = tables.computeIfAbsent(command.tableId(), id -> lookup.table(baseId, id));
                    List<FieldError> errors = new ArrayList<>();
                    List<CellPatch> values = new ArrayList<>(command.rows().size());
                    for (int i = 0; i < command.rows().size(); i++) {
                        values.add(table.parseValues(command.rows().get(i), "rows[" + i + "]", errors));
                    }
                    RowBatches.requireValid(errors);
                    List<Row> rows = new ArrayList<>(values.size());
                    for (CellPatch patch : values) {
                        Row.Created creation = Row.create(table, patch, command.actor(), now);
                        rows.add(creation.row());
                        events.add(creation.event());
                    }
                    created.addAll(rows);
                    slot.succeed(new TableRows(table, rows));
                } catch (BasehookException e) {
                    slot.fail(e);
                    firstError = firstError == null ? e : firstError;
                }
            }
            if (created.isEmpty() && firstError != null) {
                throw firstError; // nothing to write: roll back; each write keeps its own error
            }
            rows.insertAll(baseId, created);
            changes.record(baseId, events);
            return null;
        });
    }
}
