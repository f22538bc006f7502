package io.basehook.domain.table;

import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.shared.IdFormat;
import io.basehook.domain.shared.RandomIds;

/** A table's id: 4 characters {@code [A-Za-z0-9]}, unique in its base, like SeaTable's {@code table_id}. */
public record TableId(String value) {

    private static final IdFormat FORMAT = IdFormat.of("", IdFormat.ALPHANUMERIC, 4);

    public TableId {
        if (!FORMAT.matches(value)) { // false for null too
            throw BasehookException.notFound("table_not_found", "no table with id " + value);
        }
    }

    public static TableId random() {
        return new TableId(RandomIds.alphanumeric(4));
    }

    @Override
    public String toString() {
        return value;
    }
}
