package io.basehook.adapter.persistence;

import io.basehook.domain.shared.BasehookException;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * An opaque page cursor: URL-safe base64 of the last key of a page (8 bytes, big-endian). Rows page upwards from
 * their {@code pk}, delivery logs downwards (newest first) from their id.
 */
final class PageCursor {

    private PageCursor() {
    }

    static String encode(long lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(Long.BYTES).putLong(lastKey).array());
    }

    /** The key the next page starts from, or {@code first} for a null cursor (the first page). */
    static long decode(String cursor, long first) {
        if (cursor == null) {
            return first;
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
        long key = ByteBuffer.wrap(bytes).getLong();
        if (key < 1) {
            throw invalid();
        }
        return key;
    }

    private static BasehookException invalid() {
        return BasehookException.invalid("invalid_cursor", "cursor", "cursor is not one a previous page returned");
    }
}
