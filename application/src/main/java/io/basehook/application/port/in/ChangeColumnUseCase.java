package io.basehook.application.port.in;

import io.basehook.domain.table.Column;

/** Renames, retypes or re-options a column; cells that no longer fit are cleared. Structure: no event. */
public interface ChangeColumnUseCase {

    Column changeColumn(ChangeColumnCommand command);
}
