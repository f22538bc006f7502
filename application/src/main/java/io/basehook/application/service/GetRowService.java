package io.basehook.application.service;

import io.basehook.application.lookup.Lookup;
import io.basehook.application.port.in.GetRowUseCase;
import io.basehook.application.port.in.TableRows;
import io.basehook.application.port.out.RowRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.Row;
import io.basehook.domain.row.RowId;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.table.Table;
import io.basehook.domain.table.TableId;

import java.util.List;

public final class GetRowService implements GetRowUseCase {

    private final Lookup lookup;
    private final RowRepository rows;
    private final TransactionRunner transactions;

    public GetRowService(Lookup lookup, RowRepository rows, TransactionRunner transactions) {
        this.lookup = lookup;
        this.rows = rows;
        this.transactions = transactions;
    }

    @Override
    public TableRows getRow(Actor actor, BaseId baseId, TableId tableId, RowId rowId) {
        actor.requireRead(baseId);
        return transactions.readOnly(() -> {
            Table table = lookup.table(baseId, tableId);
            Row row = rows.findByIds(baseId, tableId, List.of(rowId)).get(rowId);
            if (row == null) {
                throw BasehookException.notFound("row_not_found", "no row with id " + rowId + " in table " + tableId);
            }
            return new TableRows(table, List.of(row));
        });
    }
}
