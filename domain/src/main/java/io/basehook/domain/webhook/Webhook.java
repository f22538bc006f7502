package io.basehook.domain.webhook;

import io.basehook.domain.base.BaseId;
import io.basehook.domain.shared.BasehookException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A webhook of a base: where its content events are posted and with which secret they are signed. Changing
 * one is configuration, never content: none of these methods has anything to do with change events.
 */
public final class Webhook {

    public static final int MAX_DESCRIPTION = 1000;
    /** How long the previous secret still signs after a rotation. */
    public static final Duration ROTATION_GRACE = Duration.ofHours(24);

    private final WebhookId id;
    private final BaseId baseId;
    private WebhookUrl url;
    private String description;
    private boolean enabled;
    private boolean autoDisabled;
    private WebhookSecret secret;
    private WebhookSecret previousSecret;
    private Instant previousSecretExpiresAt;
    private Instant failingSince;
    private final Instant createdAt;
    private Instant updatedAt;

    private Webhook(WebhookId id, BaseId baseId, WebhookUrl url, String description, boolean enabled,
                    boolean autoDisabled, WebhookSecret secret, WebhookSecret previousSecret,
                    Instant previousSecretExpiresAt, Instant failingSince, Instant createdAt, Instant updatedAt) {
        this.id = Objects.requireNonNull(id);
        this.baseId = Objects.requireNonNull(baseId);
        this.url = Objects.requireNonNull(url);
        this.description = checkedDescription(description);
        this.enabled = enabled;
        this.autoDisabled = autoDisabled;
        this.secret = Objects.requireNonNull(secret);
        this.previousSecret = previousSecret;
        this.previousSecretExpiresAt = previousSecretExpiresAt;
        this.failingSince = failingSince;
        this.createdAt = Objects.requireNonNull(createdAt);
        this.updatedAt = Objects.requireNonNull(updatedAt);
    }

    /** A new webhook; without a secret one is generated. */
    public static Webhook create(BaseId baseId, WebhookUrl url, WebhookSecret secret, String description,
                                 boolean enabled, Instant now) {
        return new Webhook(WebhookId.random(), baseId, url, description, enabled, false,
                secret == null ? WebhookSecret.generate() : secret, null, null, null, now, now);
    }

    public static Webhook restore(WebhookId id, BaseId baseId, WebhookUrl url, String description, boolean enabled,
                                  boolean autoDisabled, WebhookSecret secret, WebhookSecret previousSecret,
                                  Instant previousSecretExpiresAt, Instant failingSince, Instant createdAt,
                                  Instant updatedAt) {
        return new Webhook(id, baseId, url, description, enabled, autoDisabled, secret, previousSecret,
                previousSecretExpiresAt, failingSince, createdAt, updatedAt);
    }

    /** Changes what is given (null keeps it). Enabling revives an auto-disabled webhook with a clean slate. */
    public void change(WebhookUrl newUrl, String newDescription, Boolean newEnabled, Instant now) {
        if (newUrl != null) {
            url = newUrl;
        }
        if (newDescription != null) {
            description = checkedDescription(newDescription);
        }
        if (newEnabled != null) {
            if (newEnabled && !enabled) {
                failingSince = null;
            }
            enabled = newEnabled;
            autoDisabled = false;
        }
        updatedAt = now;
    }

    /** A new generated secret; the current one keeps signing beside it for {@link #ROTATION_GRACE}. */
    public WebhookSecret rotateSecret(Instant now) {
        previousSecret = secret;
        previousSecretExpiresAt = now.plus(ROTATION_GRACE);
        secret = WebhookSecret.generate();
        updatedAt = now;
        return secret;
    }

    /** The secrets that sign a request sent at {@code now}: the current one, and the previous during its grace. */
    public List<WebhookSecret> signingSecrets(Instant now) {
        List<WebhookSecret> secrets = new ArrayList<>(2);
        secrets.add(secret);
        if (previousSecret != null && previousSecretExpiresAt != null && now.isBefore(previousSecretExpiresAt)) {
            secrets.add(previousSecret);
        }
        return secrets;
    }

    private static String checkedDescription(String description) {
        String text = description == null ? "" : description.strip();
        if (text.length() > MAX_DESCRIPTION) {
            throw BasehookException.invalid("invalid_description", "description",
                    "description must be at most " + MAX_DESCRIPTION + " characters");
        }
        return text;
    }

    public WebhookId id() {
        return id;
    }

    public BaseId baseId() {
        return baseId;
    }

    public WebhookUrl url() {
        return url;
    }

    public String description() {
        return description;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Disabled by Basehook after days without a 2xx, rather than by a person. */
    public boolean autoDisabled() {
        return autoDisabled;
    }

    public WebhookSecret secret() {
        return secret;
    }

    public WebhookSecret previousSecret() {
        return previousSecret;
    }

    public Instant previousSecretExpiresAt() {
        return previousSecretExpiresAt;
    }

    /** Since when no attempt got a 2xx; null while the endpoint answers. */
    public Instant failingSince() {
        return failingSince;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
