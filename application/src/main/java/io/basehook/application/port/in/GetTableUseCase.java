package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.table.Table;
import io.basehook.domain.table.TableId;

/** A table with its columns. */
public interface GetTableUseCase {

    Table getTable(Actor actor, BaseId baseId, TableId tableId);
}
