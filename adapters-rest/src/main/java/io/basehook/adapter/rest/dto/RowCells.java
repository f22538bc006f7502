package io.basehook.adapter.rest.dto;

/** How the OpenAPI document describes the cells of a row in a request. */
final class RowCells {

    static final String DESCRIPTION = "Cells by column name; a value is a string, number, boolean, array of option ids "
            + "or null (clears the cell), as the column's type wants. Numbers keep every digit sent.";

    private RowCells() {
    }
}
