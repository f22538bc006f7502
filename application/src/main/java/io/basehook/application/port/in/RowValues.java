package io.basehook.application.port.in;

import io.basehook.domain.row.RowId;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** New values for some cells of one row, by column name; a null value clears the cell. */
public record RowValues(RowId id, Map<String, Object> values) {
    public RowValues {
        Objects.requireNonNull(id);
        values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
