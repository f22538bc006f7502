package io.basehook.application.port.in;

import io.basehook.domain.row.Row;
import io.basehook.domain.table.Table;

import java.util.List;

/** A page of rows with their table, and the cursor of the next page (null on the last). */
public record TableRowPage(Table table, List<Row> rows, String nextCursor) {
    public TableRowPage {
        rows = List.copyOf(rows);
    }
}
