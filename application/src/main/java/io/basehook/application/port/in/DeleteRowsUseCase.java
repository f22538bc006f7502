package io.basehook.application.port.in;

/** Deletes rows. Content: one {@code delete_row} event per row that existed. */
public interface DeleteRowsUseCase {

    int deleteRows(DeleteRowsCommand command);
}
