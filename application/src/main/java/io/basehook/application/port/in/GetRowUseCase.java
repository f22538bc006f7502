package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.RowId;
import io.basehook.domain.table.TableId;

/** One row with its table. */
public interface GetRowUseCase {

    TableRows getRow(Actor actor, BaseId baseId, TableId tableId, RowId rowId);
}
