package io.basehook.application.service;

import io.basehook.application.lookup.Lookup;
import io.basehook.application.port.in.DeleteTableUseCase;
import io.basehook.application.port.out.TableRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.table.TableId;

public final class DeleteTableService implements DeleteTableUseCase {

    private final Lookup lookup;
    private final TableRepository tables;
    private final TransactionRunner transactions;

    public DeleteTableService(Lookup lookup, TableRepository tables, TransactionRunner transactions) {
        this.lookup = lookup;
        this.tables = tables;
        this.transactions = transactions;
    }

    @Override
    public void deleteTable(Actor actor, BaseId baseId, TableId tableId) {
        actor.requireWrite(baseId);
        transactions.inTransaction(() -> {
            lookup.lockedBase(baseId);
            lookup.table(baseId, tableId);
            tables.delete(baseId, tableId);
            return null;
        });
    }
}
