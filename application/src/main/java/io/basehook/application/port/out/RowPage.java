package io.basehook.application.port.out;

import io.basehook.domain.row.Row;

import java.util.List;

/** Rows in insertion order, and the opaque cursor of the next page (null on the last page). */
public record RowPage(List<Row> rows, String nextCursor) {
    public RowPage {
        rows = List.copyOf(rows);
    }
}
