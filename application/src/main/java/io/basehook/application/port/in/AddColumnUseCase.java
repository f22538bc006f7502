package io.basehook.application.port.in;

import io.basehook.domain.table.Column;

/** Adds a column. Structure: no event. */
public interface AddColumnUseCase {

    Column addColumn(AddColumnCommand command);
}
