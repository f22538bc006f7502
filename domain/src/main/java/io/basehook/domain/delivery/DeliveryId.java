package io.basehook.domain.delivery;

import io.basehook.domain.shared.BasehookException;

/** A delivery's id: a positive number, shown as {@code dlv_<number>}. */
public record DeliveryId(long value) {

    private static final String PREFIX = "dlv_";

    public DeliveryId {
        if (value < 1) {
            throw BasehookException.notFound("delivery_not_found", "no delivery with id " + value);
        }
    }

    public static DeliveryId parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            throw BasehookException.notFound("delivery_not_found", "no delivery with id " + text);
        }
        try {
            return new DeliveryId(Long.parseLong(text.substring(PREFIX.length())));
        } catch (NumberFormatException e) {
            throw BasehookException.notFound("delivery_not_found", "no delivery with id " + text);
        }
    }

    @Override
    public String toString() {
        return PREFIX + value;
    }
}
