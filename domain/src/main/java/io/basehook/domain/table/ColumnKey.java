package io.basehook.domain.table;

import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.shared.IdFormat;
import io.basehook.domain.shared.RandomIds;

/** A column's key: 4 characters {@code [A-Za-z0-9]}, unique in its table, like SeaTable's {@code column_key}. */
public record ColumnKey(String value) {

    private static final IdFormat FORMAT = IdFormat.of("", IdFormat.ALPHANUMERIC, 4);

    public ColumnKey {
        if (!FORMAT.matches(value)) { // false for null too
            throw BasehookException.notFound("column_not_found", "no column with key " + value);
        }
    }

    public static ColumnKey random() {
        return new ColumnKey(RandomIds.alphanumeric(4));
    }

    @Override
    public String toString() {
        return value;
    }
}
