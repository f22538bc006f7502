package io.basehook.domain.base;

import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.shared.IdFormat;
import io.basehook.domain.shared.RandomIds;

/** A base's id: 32 lowercase hex characters, like SeaTable's {@code dtable_uuid}. */
public record BaseId(String value) {

    private static final IdFormat FORMAT = IdFormat.of("", IdFormat.LOWER_HEX, 32);

    public BaseId {
        if (!FORMAT.matches(value)) { // false for null too
            throw BasehookException.notFound("base_not_found", "no base with id " + value);
        }
    }

    public static BaseId random() {
        return new BaseId(RandomIds.hex(16));
    }

    @Override
    public String toString() {
        return value;
    }
}
