package io.basehook.domain.row.planted;

import io.basehook.domain.table.planted.PlantedTableKnowingItsRows;

/** A planted violation of NO_AGGREGATE_CYCLES (test sources only): the row's half of a cycle with the table. */
public record PlantedRowKnowingItsTable(PlantedTableKnowingItsRows table) {
}
