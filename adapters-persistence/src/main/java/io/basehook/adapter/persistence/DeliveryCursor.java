package io.basehook.adapter.persistence;

import io.basehook.domain.shared.BasehookException;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * The opaque page cursor of a delivery log: URL-safe base64 of the last delivery's id (8 bytes, big-endian).
 * The log runs newest first, so the next page holds the ids below it.
 */
final class DeliveryCursor {

    private DeliveryCursor() {
    }

    static String encode(long lastId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(ByteBuffer.allocate(Long.BYTES).putLong(lastId).array());
    }

    /** The id deliveries of the next page come before; above every id for a null cursor. */
    static long decode(String cursor) {
        if (cursor == null) {
            return Long.MAX_VALUE;
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
        long id = ByteBuffer.wrap(bytes).getLong();
        if (id < 1) {
            throw invalid();
        }
        return id;
    }

    private static BasehookException invalid() {
        return BasehookException.invalid("invalid_cursor", "cursor", "cursor is not one a previous page returned");
    }
}
