package io.basehook.application.service;

import io.basehook.application.lookup.Lookup;
import io.basehook.application.port.in.GetTableUseCase;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.table.Table;
import io.basehook.domain.table.TableId;

public final class GetTableService implements GetTableUseCase {

    private final Lookup lookup;

    public GetTableService(Lookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public Table getTable(Actor actor, BaseId baseId, TableId tableId) {
        actor.requireRead(baseId);
        return lookup.table(baseId, tableId);
    }
}
