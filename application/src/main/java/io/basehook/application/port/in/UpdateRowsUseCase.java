package io.basehook.application.port.in;

/** Updates cells of rows, all or none. Content: one {@code modify_row} event per row whose values really changed. */
public interface UpdateRowsUseCase {

    TableRows updateRows(UpdateRowsCommand command);
}
