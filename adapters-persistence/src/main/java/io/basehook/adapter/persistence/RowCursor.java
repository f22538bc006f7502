package io.basehook.adapter.persistence;

import io.basehook.domain.shared.BasehookException;

import java.nio.ByteBuffer;
import java.util.Base64;

/** The opaque page cursor of rows: URL-safe base64 of the last row's {@code pk} (8 bytes, big-endian). */
final class RowCursor {

    private RowCursor() {
    }

    static String encode(long lastPk) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(Long.BYTES).putLong(lastPk).array());
    }

    /** The {@code pk} rows of the next page come after; 0 (before every row) for a null cursor. */
    static long decode(String cursor) {
        if (cursor == null) {
            return 0;
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (bytes.length != Long.BYTES) {
            throw invalid();
        }
        long pk = ByteBuffer.wrap(bytes).getLong();
        if (pk < 1) {
            throw invalid();
        }
        return pk;
    }

    private static BasehookException invalid() {
        return BasehookException.invalid("invalid_cursor", "cursor", "cursor is not one a previous page returned");
    }
}
