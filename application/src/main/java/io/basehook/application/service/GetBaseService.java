package io.basehook.application.service;

import io.basehook.application.lookup.Lookup;
import io.basehook.application.port.in.BaseWithTables;
import io.basehook.application.port.in.GetBaseUseCase;
import io.basehook.application.port.out.TableRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;

public final class GetBaseService implements GetBaseUseCase {

    private final Lookup lookup;
    private final TableRepository tables;
    private final TransactionRunner transactions;

    public GetBaseService(Lookup lookup, TableRepository tables, TransactionRunner transactions) {
        this.lookup = lookup;
        this.tables = tables;
        this.transactions = transactions;
    }

    @Override
    public BaseWithTables getBase(Actor actor, BaseId baseId) {
        actor.requireRead(baseId);
        return transactions.readOnly(() -> new BaseWithTables(lookup.base(baseId), tables.findByBase(baseId)));
    }
}
