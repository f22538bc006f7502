package io.basehook.application.service;

import io.basehook.application.lookup.Lookup;
import io.basehook.application.port.in.ChangeColumnCommand;
import io.basehook.application.port.in.ChangeColumnUseCase;
import io.basehook.application.port.out.RowPage;
import io.basehook.application.port.out.RowRepository;
import io.basehook.application.port.out.TableRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.row.Row;
import io.basehook.domain.table.Column;
import io.basehook.domain.table.ColumnChange;
import io.basehook.domain.table.Table;

import java.util.List;
import java.util.Optional;

/**
 * Changes a column. When its type or options change, stored cells are converted in place (or cleared when
 * they no longer fit) and, being a change of structure, that sends no event.
 */
public final class ChangeColumnService implements ChangeColumnUseCase {

    private static final int REWRITE_BATCH = 500;
    /** A batch of large rows is read and written back a few MiB at a time, not 500 times 1 MiB. */
    private static final long REWRITE_BYTES = Limits.DEFAULT_PAGE_BYTES;

    private final Lookup lookup;
    private final TableRepository tables;
    private final RowRepository rows;
    private final TransactionRunner transactions;

    public ChangeColumnService(Lookup lookup, TableRepository tables, RowRepository rows, TransactionRunner transactions) {
        this.lookup = lookup;
        this.tables = tables;
        this.rows = rows;
        this.transactions = transactions;
    }

    @Override
    public Column changeColumn(ChangeColumnCommand command) {
        command.actor().requireWrite(command.baseId());
        return transactions.inTransaction(() -> {
            lookup.lockedBase(command.baseId());
            Table table = lookup.table(command.baseId(), command.tableId());
            ColumnChange change = table.changeColumn(command.key(), command.name(), command.type(), command.options());
            tables.update(table);
            if (change.affectsCells()) {
                rewriteCells(table, change);
            }
            return change.after();
        });
    }

    private void rewriteCells(Table table, ColumnChange change) {
        String cursor = null;
        do {
            RowPage page = rows.page(table.baseId(), table.id(), REWRITE_BATCH, REWRITE_BYTES, cursor);
            List<Row> changed = page.rows().stream().map(row -> row.adoptedTo(change))
                    .flatMap(Optional::stream).toList();
            if (!changed.isEmpty()) {
                rows.updateAll(table.baseId(), changed);
            }
            cursor = page.nextCursor();
        } while (cursor != null);
    }
}
