package io.basehook.domain.delivery;

import io.basehook.domain.shared.BasehookException;

/** Where a delivery stands. */
public enum DeliveryStatus {
    PENDING("pending"),
    /** Being sent: claimed or handed off, its answer not recorded yet. Shown only, never stored as a status. */
    SENDING("sending"),
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

    /** Still to be attempted, or being attempted. */
    public boolean isOpen() {
        return this == PENDING || this == SENDING || this == RETRYING;
    }

    public static DeliveryStatus fromWireName(String name, String field) {
        for (DeliveryStatus status : values()) {
            if (status.wireName.equals(name)) {
                return status;
            }
        }
        throw BasehookException.invalid("invalid_status", field,
                field + " must be pending, sending, succeeded, retrying or failed");
    }
}
