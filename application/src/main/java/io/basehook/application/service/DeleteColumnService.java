package io.basehook.application.service;

import io.basehook.application.lookup.Lookup;
import io.basehook.application.port.in.DeleteColumnUseCase;
import io.basehook.application.port.out.RowRepository;
import io.basehook.application.port.out.TableRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.table.ColumnKey;
import io.basehook.domain.table.Table;
import io.basehook.domain.table.TableId;

public final class DeleteColumnService implements DeleteColumnUseCase {

    private final Lookup lookup;
    private final TableRepository tables;
    private final RowRepository rows;
    private final TransactionRunner transactions;

    public DeleteColumnService(Lookup lookup, TableRepository tables, RowRepository rows, TransactionRunner transactions) {
        this.lookup = lookup;
        this.tables = tables;
        this.rows = rows;
        this.transactions = transactions;
    }

    @Override
    public void deleteColumn(Actor actor, BaseId baseId, TableId tableId, ColumnKey key) {
        actor.requireWrite(baseId);
        transactions.inTransaction(() -> {
            lookup.lockedBase(baseId);
            Table table = lookup.table(baseId, tableId);
            table.deleteColumn(key);
            tables.update(table);
            rows.removeCells(baseId, tableId, key);
            return null;
        });
    }
}
