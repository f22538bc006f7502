package io.basehook.application.service;

import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.table.Table;
import io.basehook.domain.table.TableId;

import java.util.List;

/** A table's name is unique in its base: a rule across tables, so it lives beside the use cases. */
final class TableNames {

    private TableNames() {
    }

    static void requireFree(List<Table> tablesOfBase, String name, TableId except) {
        for (Table table : tablesOfBase) {
            if (table.name().equals(name) && !table.id().equals(except)) {
                throw BasehookException.conflict("table_name_taken", "name", "the base already has a table named '" + name + "'");
            }
        }
    }
}
