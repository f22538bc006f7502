package io.basehook.domain.webhook;

import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.shared.RandomIds;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A webhook's signing secret. Generated ones are {@code whsec_} + base64 of 32 random bytes (Standard
 * Webhooks); a supplied one is any 16 to 256 printable ASCII characters, and if it starts with {@code whsec_}, the
 * base64 of 24 to 64 bytes, as every Standard Webhooks library decodes it.
 */
public final class WebhookSecret {

    private static final String PREFIX = "whsec_";
    private static final int MIN_KEY_BYTES = 24;
    private static final int MAX_KEY_BYTES = 64;

    private final String value;

    private WebhookSecret(String value) {
        this.value = value;
    }

    public static WebhookSecret generate() {
        return new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(RandomIds.bytes(32)));
    }

    public static WebhookSecret supplied(String value) {
        if (value == null || value.length() < 16 || value.length() > 256
                || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw BasehookException.invalid("invalid_secret", "secret",
                    "a secret is 16 to 256 printable ASCII characters without spaces");
        }
        if (value.startsWith(PREFIX) && !isStandardKey(value.substring(PREFIX.length()))) {
            throw BasehookException.invalid("invalid_secret", "secret", "a secret that starts with " + PREFIX
                    + " is followed by the base64 of " + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES + " bytes");
        }
        return new WebhookSecret(value);
    }

    /** Padded standard base64 only: the one form that every receiver's library decodes to the same key. */
    private static boolean isStandardKey(String base64) {
        if (base64.length() % 4 != 0 || !base64.matches("[A-Za-z0-9+/]*={0,2}")) {
            return false;
        }
        int bytes = base64.length() / 4 * 3 - (base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0);
        return bytes >= MIN_KEY_BYTES && bytes <= MAX_KEY_BYTES;
    }

    /** A secret as stored; not validated again, so a rule tightened later cannot lock a webhook out. */
    public static WebhookSecret restore(String value) {
        return new WebhookSecret(Objects.requireNonNull(value));
    }

    /** The secret itself: for storage and for the one answer that creates it. Never log it. */
    public String reveal() {
        return value;
    }

    /** What may be shown after creation: {@code whsec_Ab12…}. */
    public String masked() {
        int shown = value.startsWith(PREFIX) ? PREFIX.length() + 4 : 4;
        return value.substring(0, Math.min(shown, value.length())) + "…";
    }

    /**
     * The HMAC key of the Standard Webhooks signature: the base64-decoded part after {@code whsec_}, or the
     * UTF-8 bytes of a secret without that prefix (or whose rest is not base64).
     */
    public byte[] standardWebhooksKey() {
        if (value.startsWith(PREFIX)) {
            try {
                return Base64.getDecoder().decode(value.substring(PREFIX.length()));
            } catch (IllegalArgumentException notBase64) {
                return value.getBytes(StandardCharsets.UTF_8);
            }
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** The HMAC key of SeaTable's {@code X-SeaTable-Signature}: the secret's UTF-8 bytes. */
    public byte[] seaTableKey() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookSecret secret && value.equals(secret.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return masked();
    }
}
