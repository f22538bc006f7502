package io.basehook.application.service;

import io.basehook.application.lookup.Lookup;
import io.basehook.application.port.in.ListColumnsUseCase;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.table.Column;
import io.basehook.domain.table.TableId;

import java.util.List;

public final class ListColumnsService implements ListColumnsUseCase {

    private final Lookup lookup;

    public ListColumnsService(Lookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public List<Column> listColumns(Actor actor, BaseId baseId, TableId tableId) {
        actor.requireRead(baseId);
        return lookup.table(baseId, tableId).columns();
    }
}
