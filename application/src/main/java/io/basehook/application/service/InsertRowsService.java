package io.basehook.application.service;

import io.basehook.application.port.in.InsertRowsCommand;
import io.basehook.application.port.in.InsertRowsUseCase;
import io.basehook.application.port.in.TableRows;
import io.basehook.application.port.out.RowRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.row.ChangeEvent;
import io.basehook.domain.row.Row;
import io.basehook.domain.shared.FieldError;
import io.basehook.domain.table.CellPatch;
import io.basehook.domain.table.Table;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

public final class InsertRowsService implements InsertRowsUseCase {

    private final Lookup lookup;
    private final RowRepository rows;
    private final ChangeRecorder changes;
    private final TransactionRunner transactions;
    private final Limits limits;
    private final Clock clock;

    public InsertRowsService(Lookup lookup, RowRepository rows, ChangeRecorder changes, TransactionRunner transactions,
                             Limits limits, Clock clock) {
        this.lookup = lookup;
        this.rows = rows;
        this.changes = changes;
        this.transactions = transactions;
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public TableRows insertRows(InsertRowsCommand command) {
        command.actor().requireWrite(command.baseId());
        RowBatches.requireWithin(command.rows().size(), limits, "rows");
        return transactions.inTransaction(() -> {
            lookup.lockedBase(command.baseId());
            Table table = lookup.table(command.baseId(), command.tableId());
            List<FieldError> errors = new ArrayList<>();
            List<CellPatch> values = new ArrayList<>(command.rows().size());
            for (int i = 0; i < command.rows().size(); i++) {
                values.add(table.parseValues(command.rows().get(i), "rows[" + i + "]", errors));
            }
            RowBatches.requireValid(errors);
            Instant now = clock.instant();
            List<Row> created = new ArrayList<>(values.size());
            List<ChangeEvent> events = new ArrayList<>(values.size());
            for (CellPatch patch : values) {
                Row.Created creation = Row.create(table, patch, command.actor(), now);
                created.add(creation.row());
                events.add(creation.event());
            }
            rows.insertAll(command.baseId(), created);
            changes.record(command.baseId(), events);
            return new TableRows(table, created);
        });
    }
}
