package io.basehook.domain.table;

import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.shared.RandomIds;

import java.util.regex.Pattern;

/** A table's id: 4 characters {@code [A-Za-z0-9]}, unique in its base, like SeaTable's {@code table_id}. */
public record TableId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9]{4}");

    public TableId {
        if (value == null || !FORMAT.matcher(value).matches()) {
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
