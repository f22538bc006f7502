package io.basehook.application.port.in;

/** Inserts rows, all or none. Content: one {@code insert_row} event per row, in the same transaction. */
public interface InsertRowsUseCase {

    TableRows insertRows(InsertRowsCommand command);
}
