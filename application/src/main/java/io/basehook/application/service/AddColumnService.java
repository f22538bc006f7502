package io.basehook.application.service;

import io.basehook.application.lookup.Lookup;
import io.basehook.application.port.in.AddColumnCommand;
import io.basehook.application.port.in.AddColumnUseCase;
import io.basehook.application.port.out.TableRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.table.Column;
import io.basehook.domain.table.Table;

public final class AddColumnService implements AddColumnUseCase {

    private final Lookup lookup;
    private final TableRepository tables;
    private final TransactionRunner transactions;
    private final Limits limits;

    public AddColumnService(Lookup lookup, TableRepository tables, TransactionRunner transactions, Limits limits) {
        this.lookup = lookup;
        this.tables = tables;
        this.transactions = transactions;
        this.limits = limits;
    }

    @Override
    public Column addColumn(AddColumnCommand command) {
        command.actor().requireWrite(command.baseId());
        return transactions.inTransaction(() -> {
            lookup.lockedBase(command.baseId());
            Table table = lookup.table(command.baseId(), command.tableId());
            Column column = table.addColumn(command.column(), limits.maxColumnsPerTable());
            tables.update(table);
            return column;
        });
    }
}
