package io.basehook.domain.row;

import io.basehook.domain.cell.CellValue;
import io.basehook.domain.table.Column;

import java.util.Objects;

/** One cell of a change event, with the column as it was at the change; null stands for an empty cell. */
public record CellChange(Column column, CellValue value, CellValue oldValue) {
    public CellChange {
        Objects.requireNonNull(column);
        if (Objects.equals(value, oldValue)) {
            throw new IllegalArgumentException("a cell change changes something");
        }
    }
}
