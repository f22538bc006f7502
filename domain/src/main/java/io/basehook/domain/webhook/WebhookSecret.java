package io.basehook.domain.webhook;

import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.shared.RandomIds;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A webhook's signing secret. Generated ones are {@code whsec_} + base64 of 32 random bytes (Standard
 * Webhooks); a supplied one is any 16 to 256 printable ASCII characters.
 */
public final class WebhookSecret {

    private static final String PREFIX = "whsec_";

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
        return new WebhookSecret(value);
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
