package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.table.TableId;

/** Deletes a table and its rows. Structure: no event, not even for the rows. */
public interface DeleteTableUseCase {

    void deleteTable(Actor actor, BaseId baseId, TableId tableId);
}
