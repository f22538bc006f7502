package io.basehook.domain.table;

import java.util.List;

/** A column as a client describes it when creating or changing it; {@code options} only for select types. */
public record ColumnSpec(String name, ColumnType type, List<OptionSpec> options) {
    public ColumnSpec {
        options = options == null ? List.of() : List.copyOf(options);
    }
}
