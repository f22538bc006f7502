package io.basehook.domain.access;

import io.basehook.domain.shared.BasehookException;

/** What a base API token may do on its own base. */
public enum Permission {
    READ_WRITE("read-write"),
    READ_ONLY("read-only");

    private final String wireName;

    Permission(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Permission fromWireName(String name, String field) {
        for (Permission permission : values()) {
            if (permission.wireName.equals(name)) {
                return permission;
            }
        }
        throw BasehookException.invalid("invalid_permission", field, field + " must be read-write or read-only");
    }
}
