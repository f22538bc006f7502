package io.basehook.application.service;

import io.basehook.application.lookup.Lookup;
import io.basehook.application.port.in.DeleteBaseUseCase;
import io.basehook.application.port.out.BaseRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;

public final class DeleteBaseService implements DeleteBaseUseCase {

    private final Lookup lookup;
    private final BaseRepository bases;
    private final TransactionRunner transactions;

    public DeleteBaseService(Lookup lookup, BaseRepository bases, TransactionRunner transactions) {
        this.lookup = lookup;
        this.bases = bases;
        this.transactions = transactions;
    }

    @Override
    public void deleteBase(Actor actor, BaseId baseId) {
        actor.requireRead(baseId);
        actor.requireAdmin();
        transactions.inTransaction(() -> {
            lookup.lockedBase(baseId);
            bases.delete(baseId);
            return null;
        });
    }
}
