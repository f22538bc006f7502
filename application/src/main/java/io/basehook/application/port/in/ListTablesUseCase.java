package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.table.Table;

import java.util.List;

/** The tables of a base with their columns, in the order {@link GetBaseUseCase} gives them. */
public interface ListTablesUseCase {

    List<Table> listTables(Actor actor, BaseId baseId);
}
