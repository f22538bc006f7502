package io.basehook.application.port.in;

import io.basehook.domain.table.Table;

/** Renames a table. Structure: no event. */
public interface RenameTableUseCase {

    Table renameTable(RenameTableCommand command);
}
