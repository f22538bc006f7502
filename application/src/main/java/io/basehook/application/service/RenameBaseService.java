package io.basehook.application.service;

import io.basehook.application.lookup.Lookup;
import io.basehook.application.port.in.BaseWithTables;
import io.basehook.application.port.in.RenameBaseCommand;
import io.basehook.application.port.in.RenameBaseUseCase;
import io.basehook.application.port.out.BaseRepository;
import io.basehook.application.port.out.TableRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.domain.base.Base;

/** Authorised as a table rename is: the admin or a read-write token of the base. */
public final class RenameBaseService implements RenameBaseUseCase {

    private final Lookup lookup;
    private final BaseRepository bases;
    private final TableRepository tables;
    private final TransactionRunner transactions;

    public RenameBaseService(Lookup lookup, BaseRepository bases, TableRepository tables,
                             TransactionRunner transactions) {
        this.lookup = lookup;
        this.bases = bases;
        this.tables = tables;
        this.transactions = transactions;
    }

    @Override
    public BaseWithTables renameBase(RenameBaseCommand command) {
        command.actor().requireWrite(command.baseId());
        return transactions.inTransaction(() -> {
            Base renamed = lookup.lockedBase(command.baseId()).renamed(command.name());
            bases.update(renamed);
            return new BaseWithTables(renamed, tables.findByBase(command.baseId()));
        });
    }
}
