package io.basehook.application.port.in;

import io.basehook.domain.table.Table;

/** Creates a table with its columns. Structure: no event. */
public interface CreateTableUseCase {

    Table createTable(CreateTableCommand command);
}
