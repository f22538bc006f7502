package io.basehook.application.service;

import io.basehook.application.lookup.Lookup;
import io.basehook.application.port.in.RenameTableCommand;
import io.basehook.application.port.in.RenameTableUseCase;
import io.basehook.application.port.out.TableRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.table.Table;

public final class RenameTableService implements RenameTableUseCase {

    private final Lookup lookup;
    private final TableRepository tables;
    private final TransactionRunner transactions;

    public RenameTableService(Lookup lookup, TableRepository tables, TransactionRunner transactions) {
        this.lookup = lookup;
        this.tables = tables;
        this.transactions = transactions;
    }

    @Override
    public Table renameTable(RenameTableCommand command) {
        command.actor().requireWrite(command.baseId());
        return transactions.inTransaction(() -> {
            lookup.lockedBase(command.baseId());
            Table table = lookup.table(command.baseId(), command.tableId());
            table.rename(command.name());
            TableNames.requireFree(tables.findByBase(command.baseId()), table.name(), table.id());
            tables.update(table);
            return table;
        });
    }
}
