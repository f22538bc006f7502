package io.basehook.domain.table.planted;

import io.basehook.domain.row.planted.PlantedRowKnowingItsTable;

import java.util.List;

/** A planted violation of NO_AGGREGATE_CYCLES (test sources only): the table's half of a cycle with the row. */
public record PlantedTableKnowingItsRows(List<PlantedRowKnowingItsTable> rows) {
}
