package io.basehook.domain.row;

import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.shared.IdFormat;
import io.basehook.domain.shared.RandomIds;

/** A row's id: 22 chars of URL-safe base64 (16 random bytes), like SeaTable's {@code row_id}. */
public record RowId(String value) {

    private static final IdFormat FORMAT = IdFormat.of("", IdFormat.URL_SAFE, 22);

    public RowId {
        if (!FORMAT.matches(value)) { // false for null too
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
