package io.basehook.application.service;

import io.basehook.application.port.in.InsertRowsCommand;
import io.basehook.application.port.in.InsertRowsUseCase;
import io.basehook.application.port.in.TableRows;
import io.basehook.application.write.ContentWrites;
import io.basehook.application.write.WriteBudget;
import io.basehook.application.write.WriteSize;
import io.basehook.domain.row.Row;
import io.basehook.domain.shared.FieldError;
import io.basehook.domain.table.CellPatch;
import io.basehook.domain.table.Table;
import io.basehook.domain.table.ValuesKeyedBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Inserts rows: with the base locked, every value is checked first (one error names every bad value, and nothing is
 * written), then each row is created, stored, and recorded as an {@code insert_row} change, which every webhook of
 * the base receives.
 */
public final class InsertRowsService implements InsertRowsUseCase {

    private final ContentWrites writes;
    private final Limits limits;
    private final WriteBudget budget;

    public InsertRowsService(ContentWrites writes, Limits limits, WriteBudget budget) {
        this.writes = writes;
        this.limits = limits;
        this.budget = budget;
    }

    @Override
    public TableRows insertRows(InsertRowsCommand command) {
        command.actor().requireWrite(command.baseId());
        RowBatches.requireWithin(command.rows().size(), limits, "rows");
        long bytes = WriteSize.ofRows(command.rows());
        try (WriteBudget.Permit admitted = budget.admit(bytes)) {
            return writes.inLockedBase(command.baseId(), command.rows().size(), bytes, base -> {
                Table table = base.table(command.tableId());
                List<CellPatch> values = validated(table, command.rows(), command.keyedBy());
                List<Row> rows = new ArrayList<>(values.size());
                for (CellPatch patch : values) {
                    Row.Created creation = Row.create(table, patch, command.actor(), base.now());
                    rows.add(creation.row());
                    base.record(creation.event());
                }
                base.insert(rows);
                return new TableRows(table, rows);
            });
        }
    }

    private static List<CellPatch> validated(Table table, List<Map<String, Object>> rows, ValuesKeyedBy keyedBy) {
        List<FieldError> errors = new ArrayList<>();
        List<CellPatch> values = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            values.add(table.parseValues(rows.get(i), keyedBy, "rows[" + i + "]", errors));
        }
        RowBatches.requireValid(errors);
        return values;
    }
}
