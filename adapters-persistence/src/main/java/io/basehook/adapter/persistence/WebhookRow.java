package io.basehook.adapter.persistence;

import io.basehook.domain.base.BaseId;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;
import io.basehook.domain.webhook.WebhookSecret;
import io.basehook.domain.webhook.WebhookUrl;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A row of {@code bh_webhook} as stored (instants as epoch milliseconds, null where the column is); immutable, so
 * {@link StructureCache} can keep it, and every reader still gets a {@link Webhook} of its own.
 */
record WebhookRow(String id, String baseId, String url, String description, boolean enabled, boolean autoDisabled,
                  String secret, String previousSecret, Long previousSecretExpiresAt, Long failingSince,
                  long createdAt, long updatedAt) {

    static final String COLUMNS = "id, base_id, url, description, enabled, auto_disabled, secret, "
            + "previous_secret, previous_secret_expires_at, failing_since, created_at, updated_at";

    /** The current row of a result selected with {@link #COLUMNS}. */
    static WebhookRow read(ResultSet result) throws SQLException {
        return new WebhookRow(result.getString("id"), result.getString("base_id"), result.getString("url"),
                result.getString("description"), result.getBoolean("enabled"), result.getBoolean("auto_disabled"),
                result.getString("secret"), result.getString("previous_secret"),
                result.getObject("previous_secret_expires_at", Long.class), result.getObject("failing_since", Long.class),
                result.getLong("created_at"), result.getLong("updated_at"));
    }

    Webhook toDomain() {
        return Webhook.restore(new WebhookId(id), new BaseId(baseId), new WebhookUrl(url), description, enabled,
                autoDisabled, WebhookSecret.restore(secret),
                previousSecret == null ? null : WebhookSecret.restore(previousSecret), instant(previousSecretExpiresAt),
                instant(failingSince), Instant.ofEpochMilli(createdAt), Instant.ofEpochMilli(updatedAt));
    }

    private static Instant instant(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }
}
