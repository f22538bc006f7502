package io.basehook.application.service;

import io.basehook.application.port.in.CreateBaseCommand;
import io.basehook.application.port.in.CreateBaseUseCase;
import io.basehook.application.port.out.BaseRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.base.Base;

import java.time.Clock;

public final class CreateBaseService implements CreateBaseUseCase {

    private final BaseRepository bases;
    private final TransactionRunner transactions;
    private final Clock clock;

    public CreateBaseService(BaseRepository bases, TransactionRunner transactions, Clock clock) {
        this.bases = bases;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Base createBase(CreateBaseCommand command) {
        command.actor().requireAdmin();
        Base base = Base.create(command.name(), clock.instant());
        return transactions.inTransaction(() -> {
            bases.insert(base);
            return base;
        });
    }
}
