package io.basehook.domain.table;

import io.basehook.domain.shared.BasehookException;

/**
 * What a client's row values are keyed by: a column's name (the default) or its key. Only the table can map one to
 * the other, so a write carries this choice to where its table is read under the base lock, and a column renamed
 * meanwhile cannot make a value land in the wrong column.
 */
public enum ValuesKeyedBy {
    NAME, KEY;

    /** {@code name} or {@code key}, as a client writes it. */
    public static ValuesKeyedBy parse(String text, String field) {
        if ("name".equals(text)) {
            return NAME;
        }
        if ("key".equals(text)) {
            return KEY;
        }
        throw BasehookException.invalid("invalid_keys", field, field + " must be name or key");
    }

    /** How a column is named in values keyed this way. */
    public String of(Column column) {
        return this == KEY ? column.key().value() : column.name();
    }
}
