package io.basehook.adapter.persistence;

import io.basehook.application.port.out.DeliveryOutcome;
import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.webhook.WebhookId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a batch of recorded outcomes says about each webhook's endpoint ({@code failing_since}), and the auto-disable
 * of one that has failed for too long.
 * <p>
 * It is written in two steps, after the recording transaction has committed. {@link #read} is a plain read of the
 * stored health, which decides whether anything changes at all (a webhook that keeps answering 2xx is never written,
 * and while {@link HealthyWebhooks} remembers it healthy, not even read). Only then
 * {@link #write} changes the webhooks, in a transaction of its own that first locks their bases, in id order, and
 * raises their webhooks revision: every change of a webhook holds its base's lock (see {@link StructureCache}), and
 * taking the base before the webhook is the order every write takes them in (a write holds its base's lock, then a
 * shared lock on its webhooks through the foreign key of the deliveries it queues), so the two never wait in a ring.
 */
final class WebhookHealth {

    private final Map<String, Batch> batch;
    private final Instant disableFailingSince;
    private final Map<String, Stored> stored = new HashMap<>();
    /** From {@link #read}: the webhooks whose health changes, and those that may be disabled. */
    private List<String> changed = List.of();
    private List<String> mayDisable = List.of();
    private List<String> healthyAfter = List.of();

    /** @param disableFailingSince a webhook failing since before this is disabled */
    WebhookHealth(List<DeliveryOutcome> outcomes, Instant disableFailingSince) {
        this.batch = new TreeMap<>();
        for (DeliveryOutcome outcome : outcomes) {
            batch.computeIfAbsent(outcome.webhookId().value(), id -> new Batch()).add(outcome.attempt());
        }
        this.disableFailingSince = disableFailingSince;
    }

    /** The batch's webhooks. */
    Set<String> webhooks() {
        return batch.keySet();
    }

    /** Whether every attempt of the batch succeeded: then it can only clear a webhook's failing state. */
    boolean onlySuccesses() {
        return batch.values().stream().allMatch(endpoint -> endpoint.failures.isEmpty());
    }

    /** After {@link #read}: the webhooks stored healthy once the batch is written (or already, with nothing to write). */
    List<String> healthyAfter() {
        return healthyAfter;
    }

    /** Reads the stored health of the batch's webhooks; a plain read. */
    void read(Connection connection) throws SQLException {
        for (List<String> chunk : InClause.chunks(batch.keySet())) {
            try (PreparedStatement select = connection.prepareStatement("SELECT id, base_id, enabled, failing_since "
                    + "FROM bh_webhook WHERE id IN (" + InClause.placeholders(chunk.size()) + ")")) {
                bindStrings(select, 1, chunk);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        stored.put(result.getString("id"), new Stored(result.getString("base_id"),
                                result.getBoolean("enabled"), EpochMillis.get(result, "failing_since")));
                    }
                }
            }
        }
        changedHealth();
        mayDisable = mayDisable();
    }

    /** Whether {@link #write} has anything to do, after {@link #read}. */
    boolean changes() {
        return !changed.isEmpty() || !mayDisable.isEmpty();
    }

    /**
     * Locks the bases of the webhooks that change, writes their health and disables those failing for too long, and
     * raises the bases' webhooks revision; in a transaction of its own. The statements only ever move a webhook
     * towards what its batch saw, so a change racing with another instance's is set right by its next batch.
     *
     * @return the webhooks it disabled
     */
    List<WebhookId> write(Connection connection) throws SQLException {
        TreeSet<String> bases = new TreeSet<>();
        changed.forEach(id -> bases.add(stored.get(id).baseId()));
        mayDisable.forEach(id -> bases.add(stored.get(id).baseId()));
        if (bases.isEmpty()) {
            return List.of();
        }
        List<String> baseIds = List.copyOf(bases);
        try (PreparedStatement lock = connection.prepareStatement("SELECT id FROM bh_base WHERE id IN ("
                + InClause.placeholders(baseIds.size()) + ") ORDER BY id FOR UPDATE")) {
            bindStrings(lock, 1, baseIds);
            lock.executeQuery().close();
        }
        updateHealth(connection, changed);
        List<WebhookId> disabled = disableFailing(connection, mayDisable);
        try (PreparedStatement raise = connection.prepareStatement("UPDATE bh_base SET webhooks_revision = "
                + "webhooks_revision + 1 WHERE id IN (" + InClause.placeholders(baseIds.size()) + ")")) {
            bindStrings(raise, 1, baseIds);
            raise.executeUpdate();
        }
        return disabled;
    }

    /**
     * The webhooks whose stored {@code failing_since} is not what the batch says it should be, and those that will
     * be stored healthy.
     */
    private void changedHealth() {
        changed = new ArrayList<>();
        healthyAfter = new ArrayList<>();
        batch.forEach((id, endpoint) -> {
            Stored before = stored.get(id);
            if (before == null) {
                return;
            }
            Instant failingSince = after(endpoint, before);
            if (!Objects.equals(before.failingSince(), failingSince)) {
                changed.add(id);
            }
            if (failingSince == null) {
                healthyAfter.add(id);
            }
        });
    }

    /** Enabled webhooks whose batch ends in failures and that will be failing since before the limit. */
    private List<String> mayDisable() {
        List<String> failing = new ArrayList<>();
        batch.forEach((id, endpoint) -> {
            Stored before = stored.get(id);
            Instant after = before == null ? null : after(endpoint, before);
            if (before != null && before.enabled() && endpoint.failingSince() != null && after != null
                    && after.isBefore(disableFailingSince)) {
                failing.add(id);
            }
        });
        return failing;
    }

    /**
     * A 2xx in the batch makes the stored value stale: failing since the first failure after it, or not at all;
     * without one, an earlier stored start of the failures stays.
     */
    private static Instant after(Batch endpoint, Stored before) {
        return endpoint.lastSuccess != null || before.failingSince() == null ? endpoint.failingSince()
                : before.failingSince();
    }

    private void updateHealth(Connection connection, List<String> changed) throws SQLException {
        if (changed.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE bh_webhook SET failing_since = ? "
                + "WHERE id = ? AND (? OR failing_since IS NULL) AND NOT (failing_since <=> ?)")) {
            for (String id : changed) {
                Batch endpoint = batch.get(id);
                Instant failingSince = endpoint.failingSince();
                EpochMillis.set(update, 1, failingSince);
                update.setString(2, id);
                update.setBoolean(3, endpoint.lastSuccess != null);
                EpochMillis.set(update, 4, failingSince);
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    private List<WebhookId> disableFailing(Connection connection, List<String> webhooks) throws SQLException {
        if (webhooks.isEmpty()) {
            return List.of();
        }
        List<String> failing = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM bh_webhook WHERE id IN ("
                + InClause.placeholders(webhooks.size()) + ") AND enabled AND failing_since IS NOT NULL "
                + "AND failing_since < ? ORDER BY id")) {
            bindStrings(select, 1, webhooks);
            select.setLong(webhooks.size() + 1, disableFailingSince.toEpochMilli());
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    failing.add(result.getString("id"));
                }
            }
        }
        if (failing.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE bh_webhook SET enabled = FALSE, "
                + "auto_disabled = TRUE WHERE id IN (" + InClause.placeholders(failing.size()) + ")")) {
            bindStrings(update, 1, failing);
            update.executeUpdate();
        }
        return failing.stream().map(WebhookId::new).toList();
    }

    private static void bindStrings(PreparedStatement statement, int from, Collection<String> values) throws SQLException {
        int index = from;
        for (String value : values) {
            statement.setString(index++, value);
        }
    }

    /** A webhook as stored before the batch is written. */
    private record Stored(String baseId, boolean enabled, Instant failingSince) {
    }

    /** One webhook's attempts in a batch: when its endpoint last answered 2xx, and the failures around that. */
    private static final class Batch {
        private Instant lastSuccess;
        private final List<Instant> failures = new ArrayList<>();

        void add(Attempt attempt) {
            if (attempt.succeeded()) {
                if (lastSuccess == null || attempt.at().isAfter(lastSuccess)) {
                    lastSuccess = attempt.at();
                }
            } else {
                failures.add(attempt.at());
            }
        }

        /** The first failure after the last success (after the start of the batch when none succeeded). */
        Instant failingSince() {
            return failures.stream().filter(at -> lastSuccess == null || at.isAfter(lastSuccess))
                    .min(Instant::compareTo).orElse(null);
        }
    }
}
