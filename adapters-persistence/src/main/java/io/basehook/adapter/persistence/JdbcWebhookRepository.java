package io.basehook.adapter.persistence;

import io.basehook.application.port.out.WebhookRepository;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Webhooks in {@code bh_webhook}; deleting one takes its deliveries and their attempts with it (FK cascade). Every
 * change raises its base's webhooks revision in the same transaction, which holds the base's lock (see
 * {@link StructureCache}): a write reads the base's webhooks from this instance's cache while that is unchanged.
 */
@Singleton
public final class JdbcWebhookRepository implements WebhookRepository {

    private static final String COLUMNS = WebhookRow.COLUMNS;

    private final JdbcConnections jdbc;
    private final BaseEntityRepository bases;
    private final StructureCache structure;

    JdbcWebhookRepository(JdbcConnections jdbc, BaseEntityRepository bases, StructureCache structure) {
        this.jdbc = jdbc;
        this.bases = bases;
        this.structure = structure;
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
        changed(webhook.baseId());
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
        changed(webhook.baseId());
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

    /** With the base locked (a write), from this instance's cache while the base's webhooks are unchanged. */
    @Override
    public List<Webhook> findByBase(BaseId baseId) {
        List<WebhookRow> rows = structure.webhooks(baseId.value()).orElseGet(() -> {
            List<WebhookRow> read = jdbc.run(connection -> {
                List<WebhookRow> stored = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                        + " FROM bh_webhook WHERE base_id = ? ORDER BY pk")) {
                    select.setString(1, baseId.value());
                    try (ResultSet result = select.executeQuery()) {
                        while (result.next()) {
                            stored.add(WebhookRow.read(result));
                        }
                    }
                }
                return stored;
            });
            structure.read(baseId.value(), read);
            return read;
        });
        return rows.stream().map(WebhookRow::toDomain).toList();
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
        boolean deleted = jdbc.run(connection -> {
            // its deliveries and their attempts go with it through ON DELETE CASCADE
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM bh_webhook WHERE base_id = ? AND id = ?")) {
                delete.setString(1, baseId.value());
                delete.setString(2, id.value());
                return delete.executeUpdate() > 0;
            }
        });
        if (deleted) {
            changed(baseId);
        }
        return deleted;
    }

    /** Every change of a webhook raises its base's revision, in the same transaction: see {@link StructureCache}. */
    private void changed(BaseId baseId) {
        bases.raiseWebhooksRevision(baseId.value());
        structure.webhooksChanged(baseId.value());
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
        return WebhookRow.read(result).toDomain();
    }
}
