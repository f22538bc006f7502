package io.basehook.application.service;

import io.basehook.application.lookup.Lookup;
import io.basehook.application.port.in.CreateTableCommand;
import io.basehook.application.port.in.CreateTableUseCase;
import io.basehook.application.port.out.TableRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.table.Table;

import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

public final class CreateTableService implements CreateTableUseCase {

    private final Lookup lookup;
    private final TableRepository tables;
    private final TransactionRunner transactions;
    private final Limits limits;
    private final Clock clock;

    public CreateTableService(Lookup lookup, TableRepository tables, TransactionRunner transactions, Limits limits,
                              Clock clock) {
        this.lookup = lookup;
        this.tables = tables;
        this.transactions = transactions;
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public Table createTable(CreateTableCommand command) {
        command.actor().requireWrite(command.baseId());
        return transactions.inTransaction(() -> {
            lookup.lockedBase(command.baseId());
            List<Table> existing = tables.findByBase(command.baseId());
            Table table = Table.create(command.baseId(), command.name(), command.columns(),
                    existing.stream().map(Table::id).collect(Collectors.toSet()), limits.maxColumnsPerTable(),
                    clock.instant());
            TableNames.requireFree(existing, table.name(), null);
            tables.insert(table);
            return table;
        });
    }

}
