package io.basehook.domain.delivery;

import io.basehook.domain.shared.BasehookException;

/** Where a delivery stands. */
public enum DeliveryStatus {
    PENDING("pending"),
    SUCCEEDED("succeeded"),
    RETRYING("retrying"),
    FAILED("failed");

    private final String wireName;

    DeliveryStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Still to be attempted. */
    public boolean isOpen() {
        return this == PENDING || this == RETRYING;
    }

    public static DeliveryStatus fromWireName(String name, String field) {
        for (DeliveryStatus status : values()) {
            if (status.wireName.equals(name)) {
                return status;
            }
        }
        throw BasehookException.invalid("invalid_status", field, field + " must be pending, succeeded, retrying or failed");
    }
}
