package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.table.TableId;
import io.basehook.domain.table.ValuesKeyedBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Rows to insert, each as values by column name or key (null or absent for an empty cell). */
public record InsertRowsCommand(Actor actor, BaseId baseId, TableId tableId, List<Map<String, Object>> rows,
                                ValuesKeyedBy keyedBy) {
    public InsertRowsCommand {
        Objects.requireNonNull(actor);
        Objects.requireNonNull(keyedBy);
        Objects.requireNonNull(baseId);
        Objects.requireNonNull(tableId);
        if (rows == null || rows.isEmpty()) {
            throw BasehookException.invalid("invalid_batch", "rows", "rows must hold at least one row");
        }
        List<Map<String, Object>> copy = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            copy.add(row == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
    }

    /** Rows with values by column name. */
    public InsertRowsCommand(Actor actor, BaseId baseId, TableId tableId, List<Map<String, Object>> rows) {
        this(actor, baseId, tableId, rows, ValuesKeyedBy.NAME);
    }
}
