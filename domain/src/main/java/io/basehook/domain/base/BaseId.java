package io.basehook.domain.base;

import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.shared.RandomIds;

import java.util.regex.Pattern;

/** A base's id: 32 lowercase hex characters, like SeaTable's {@code dtable_uuid}. */
public record BaseId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{32}");

    public BaseId {
        if (value == null || !FORMAT.matcher(value).matches()) {
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
