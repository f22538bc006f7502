package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.table.Column;
import io.basehook.domain.table.TableId;

import java.util.List;

/** The columns of a table in their order, the primary column first. */
public interface ListColumnsUseCase {

    List<Column> listColumns(Actor actor, BaseId baseId, TableId tableId);
}
