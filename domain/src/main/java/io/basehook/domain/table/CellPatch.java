package io.basehook.domain.table;

import io.basehook.domain.cell.CellValue;

import java.util.Map;
import java.util.Set;

/** Validated cell values for a row: the cells to set and the cells to clear, by column key. */
public record CellPatch(Map<ColumnKey, CellValue> set, Set<ColumnKey> cleared) {
    public CellPatch {
        set = Map.copyOf(set);
        cleared = Set.copyOf(cleared);
    }
}
