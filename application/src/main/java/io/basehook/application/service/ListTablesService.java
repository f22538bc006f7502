package io.basehook.application.service;

import io.basehook.application.lookup.Lookup;
import io.basehook.application.port.in.ListTablesUseCase;
import io.basehook.application.port.out.TableRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.table.Table;

import java.util.List;

public final class ListTablesService implements ListTablesUseCase {

    private final Lookup lookup;
    private final TableRepository tables;
    private final TransactionRunner transactions;

    public ListTablesService(Lookup lookup, TableRepository tables, TransactionRunner transactions) {
        this.lookup = lookup;
        this.tables = tables;
        this.transactions = transactions;
    }

    @Override
    public List<Table> listTables(Actor actor, BaseId baseId) {
        actor.requireRead(baseId);
        return transactions.readOnly(() -> {
            lookup.base(baseId);
            return tables.findByBase(baseId);
        });
    }
}
