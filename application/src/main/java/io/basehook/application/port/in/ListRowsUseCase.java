package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.table.TableId;

/** A page of a table's rows in insertion order. */
public interface ListRowsUseCase {

    TableRowPage listRows(Actor actor, BaseId baseId, TableId tableId, int limit, String cursor);
}
