package io.basehook.adapter.persistence;

import io.basehook.application.port.out.WebhookRepository;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;
import io.basehook.domain.webhook.WebhookSecret;
import io.basehook.domain.webhook.WebhookUrl;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Webhooks in {@code bh_webhook}; deleting one takes its deliveries and their attempts with it (FK cascade). */
@Singleton
public final class JdbcWebhookRepository implements WebhookRepository {

    private static final String COLUMNS = "id, base_id, url, description, enabled, auto_disabled, secret, "
            + "previous_secret, previous_secret_expires_at, failing_since, created_at, updated_at";

    private final JdbcConnections jdbc;

    JdbcWebhookRepository(JdbcConnections jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(Webhook webhook) {
        jdbc.run(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bh_webhook (url, description, "
                    + "enabled, auto_disabled, secret, previous_secret, previous_secret_expires_at, failing_since, "
                    + "updated_at, created_at, base_id, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int next = bindState(insert, webhook);
                insert.setLong(next++, webhook.createdAt().toEpochMilli());
                insert.setString(next++, webhook.baseId().value());
                insert.setString(next, webhook.id().value());
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void update(Webhook webhook) {
        jdbc.run(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE bh_webhook SET url = ?, "
                    + "description = ?, enabled = ?, auto_disabled = ?, secret = ?, previous_secret = ?, "
                    + "previous_secret_expires_at = ?, failing_since = ?, updated_at = ? WHERE base_id = ? AND id = ?")) {
                int next = bindState(update, webhook);
                update.setString(next++, webhook.baseId().value());
                update.setString(next, webhook.id().value());
                update.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<Webhook> findById(BaseId baseId, WebhookId id) {
        return select(baseId, id, "");
    }

    @Override
    public Optional<Webhook> lockById(BaseId baseId, WebhookId id) {
        return select(baseId, id, " FOR UPDATE");
    }

    private Optional<Webhook> select(BaseId baseId, WebhookId id, String locking) {
        return jdbc.run(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM bh_webhook WHERE base_id = ? AND id = ?" + locking)) {
                select.setString(1, baseId.value());
                select.setString(2, id.value());
                try (ResultSet result = select.executeQuery()) {
                    return result.next() ? Optional.of(webhook(result)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Webhook> findByBase(BaseId baseId) {
        return jdbc.run(connection -> {
            List<Webhook> webhooks = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM bh_webhook WHERE base_id = ? ORDER BY pk")) {
                select.setString(1, baseId.value());
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        webhooks.add(webhook(result));
                    }
                }
            }
            return webhooks;
        });
    }

    @Override
    public Map<WebhookId, Webhook> findByIds(Collection<WebhookId> ids) {
        List<List<WebhookId>> chunks = InClause.chunks(ids);
        if (chunks.isEmpty()) {
            return Map.of();
        }
        return jdbc.run(connection -> {
            Map<WebhookId, Webhook> found = new LinkedHashMap<>();
            for (List<WebhookId> chunk : chunks) {
                try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM bh_webhook "
                        + "WHERE id IN (" + InClause.placeholders(chunk.size()) + ") ORDER BY pk")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        select.setString(i + 1, chunk.get(i).value());
                    }
                    try (ResultSet result = select.executeQuery()) {
                        while (result.next()) {
                            Webhook webhook = webhook(result);
                            found.put(webhook.id(), webhook);
                        }
                    }
                }
            }
            return found;
        });
    }

    @Override
    public boolean delete(BaseId baseId, WebhookId id) {
        return jdbc.run(connection -> {
            // its deliveries and their attempts go with it through ON DELETE CASCADE
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM bh_webhook WHERE base_id = ? AND id = ?")) {
                delete.setString(1, baseId.value());
                delete.setString(2, id.value());
                return delete.executeUpdate() > 0;
            }
        });
    }

    /** Binds what insert and update share, in their column order; returns the next parameter index. */
    private static int bindState(PreparedStatement statement, Webhook webhook) throws SQLException {
        statement.setString(1, webhook.url().value());
        statement.setString(2, webhook.description());
        statement.setBoolean(3, webhook.enabled());
        statement.setBoolean(4, webhook.autoDisabled());
        statement.setString(5, webhook.secret().reveal());
        statement.setString(6, webhook.previousSecret() == null ? null : webhook.previousSecret().reveal());
        EpochMillis.set(statement, 7, webhook.previousSecretExpiresAt());
        EpochMillis.set(statement, 8, webhook.failingSince());
        statement.setLong(9, webhook.updatedAt().toEpochMilli());
        return 10;
    }

    private static Webhook webhook(ResultSet result) throws SQLException {
        String previousSecret = result.getString("previous_secret");
        return Webhook.restore(new WebhookId(result.getString("id")), new BaseId(result.getString("base_id")),
                new WebhookUrl(result.getString("url")), result.getString("description"), result.getBoolean("enabled"),
                result.getBoolean("auto_disabled"), WebhookSecret.restore(result.getString("secret")),
                previousSecret == null ? null : WebhookSecret.restore(previousSecret),
                EpochMillis.get(result, "previous_secret_expires_at"), EpochMillis.get(result, "failing_since"),
                Instant.ofEpochMilli(result.getLong("created_at")), Instant.ofEpochMilli(result.getLong("updated_at")));
    }
}
