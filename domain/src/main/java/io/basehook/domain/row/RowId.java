package io.basehook.domain.row;

import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.shared.RandomIds;

import java.util.regex.Pattern;

/** A row's id: 22 chars of URL-safe base64 (16 random bytes), like SeaTable's {@code row_id}. */
public record RowId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{22}");

    public RowId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw BasehookException.notFound("row_not_found", "no row with id " + value);
        }
    }

    public static RowId random() {
        return new RowId(RandomIds.urlSafeBase64(16));
    }

    @Override
    public String toString() {
        return value;
    }
}
