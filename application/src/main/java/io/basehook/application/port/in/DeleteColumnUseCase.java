package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.table.ColumnKey;
import io.basehook.domain.table.TableId;

/** Deletes a column and its cells. Structure: no event. */
public interface DeleteColumnUseCase {

    void deleteColumn(Actor actor, BaseId baseId, TableId tableId, ColumnKey key);
}
