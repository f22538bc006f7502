package io.basehook.application.port.in;

import io.basehook.domain.row.Row;
import io.basehook.domain.table.Table;

import java.util.List;

/** Rows with the table they belong to, which an adapter needs to show cells by column name. */
public record TableRows(Table table, List<Row> rows) {
    public TableRows {
        rows = List.copyOf(rows);
    }
}
