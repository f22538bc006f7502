package io.basehook.adapter.persistence;

import io.basehook.application.port.out.DeliveryLog;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.delivery.AttemptError;
import io.basehook.domain.delivery.Delivery;
import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.delivery.DeliveryStatus;
import io.basehook.domain.row.EventId;
import io.basehook.domain.webhook.WebhookId;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The delivery log: {@code bh_delivery} with the type of its event from {@code bh_event} (the FK keeps the
 * event while the delivery exists) and its attempts from {@code bh_delivery_attempt}.
 */
@Singleton
public final class JdbcDeliveryLog implements DeliveryLog {

    private static final String COLUMNS = "d.id, d.webhook_id, d.base_id, d.seq, d.event_id, d.status, d.attempts, "
            + "d.created_at, d.next_attempt_at, d.sending, e.op_type";
    private static final String FROM = " FROM bh_delivery d JOIN bh_event e ON e.base_id = d.base_id AND e.seq = d.seq";

    /** The statuses a delivery is stored with; {@link DeliveryStatus#SENDING} is only shown. */
    private static final List<DeliveryStatus> STORED = List.of(DeliveryStatus.PENDING, DeliveryStatus.SUCCEEDED,
            DeliveryStatus.RETRYING, DeliveryStatus.FAILED);

    private final JdbcConnections jdbc;

    JdbcDeliveryLog(JdbcConnections jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Newest first, from the webhook's index ({@code webhook_id, next_attempt_at, status, id}): a closed delivery
     * has no next attempt, so the closed ones of a status lie in id order and are read in order however long the
     * log is; the open ones (pending, retrying: what is still to be sent) are sorted. Without a filter, one range
     * per status, merged. Sending is not stored as a status: it is a pending or retrying delivery whose send lease
     * (the {@code sending} flag) runs past {@code now}, so those two ranges are filtered on it.
     */
    @Override
    public Page page(WebhookId webhookId, DeliveryStatus status, String cursor, int limit, Instant now) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        long beforeId = PageCursor.decode(cursor, Long.MAX_VALUE);
        List<DeliveryStatus> statuses = status == null ? STORED : status == DeliveryStatus.SENDING
                ? List.of(DeliveryStatus.PENDING, DeliveryStatus.RETRYING) : List.of(status);
        // sent now: only what a filter on it asks for, or leaves out
        String sending = status == null || !status.isOpen() ? ""
                : status == DeliveryStatus.SENDING ? " AND d.sending AND d.next_attempt_at > ?"
                : " AND NOT (d.sending AND d.next_attempt_at > ?)";
        // one row more than asked tells whether there is a next page
        long rows = (long) limit + 1;
        String one = "(SELECT " + COLUMNS + FROM + " WHERE d.webhook_id = ? AND d.next_attempt_at IS %s NULL "
                + "AND d.status = ?" + sending + " AND d.id < ? ORDER BY d.id DESC LIMIT ?)";
        String sql = String.join(" UNION ALL ", statuses.stream()
                .map(each -> String.format(one, each.isOpen() ? "NOT" : "")).toList());
        if (statuses.size() > 1) {
            sql += " ORDER BY id DESC LIMIT ?";
        }
        String query = sql;
        return jdbc.run(connection -> {
            List<Delivery> deliveries = new ArrayList<>(Math.min(limit, 1000));
            boolean more = false;
            try (PreparedStatement select = connection.prepareStatement(query)) {
                int index = 1;
                for (DeliveryStatus each : statuses) {
                    select.setString(index++, webhookId.value());
                    select.setString(index++, each.wireName());
                    if (!sending.isEmpty()) {
                        select.setLong(index++, now.toEpochMilli());
                    }
                    select.setLong(index++, beforeId);
                    select.setLong(index++, rows);
                }
                if (statuses.size() > 1) {
                    select.setLong(index, rows);
                }
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        if (deliveries.size() == limit) {
                            more = true;
                            break;
                        }
                        deliveries.add(delivery(result, now));
                    }
                }
            }
            return new Page(deliveries,
                    more ? PageCursor.encode(deliveries.get(deliveries.size() - 1).id().value()) : null);
        });
    }

    /**
     * One statement, so the attempt count and the attempts come from the same moment; it sizes the attempts first
     * and brings only those that start within {@code maxBytes}, newest first, so the driver holds no more.
     */
    @Override
    public Optional<Delivery> find(WebhookId webhookId, DeliveryId id, long maxBytes, Instant now) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        return jdbc.run(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + ", a.attempt_no, "
                    + "a.attempted_at, a.duration_ms, a.request_headers, a.response_status, a.response_headers, "
                    + "a.response_body, a.error, a.error_detail, a.retry_after_ms" + FROM
                    + " LEFT JOIN (SELECT attempt_no, SUM(bytes) OVER (ORDER BY attempt_no DESC) - bytes AS newer_bytes "
                    + "FROM (SELECT attempt_no, LENGTH(request_headers) + COALESCE(LENGTH(response_headers), 0) "
                    + "+ COALESCE(LENGTH(response_body), 0) + COALESCE(LENGTH(error_detail), 0) AS bytes "
                    + "FROM bh_delivery_attempt WHERE delivery_id = ?) sized) w ON w.newer_bytes < ?"
                    + " LEFT JOIN bh_delivery_attempt a ON a.delivery_id = d.id AND a.attempt_no = w.attempt_no"
                    + " WHERE d.webhook_id = ? AND d.id = ? ORDER BY a.attempt_no")) {
                select.setLong(1, id.value());
                select.setLong(2, maxBytes);
                select.setString(3, webhookId.value());
                select.setLong(4, id.value());
                try (ResultSet result = select.executeQuery()) {
                    if (!result.next()) {
                        return Optional.empty();
                    }
                    Delivery delivery = delivery(result, now);
                    List<Attempt> attempts = new ArrayList<>();
                    do {
                        // a delivery not yet attempted comes as one row without an attempt
                        if (result.getObject("attempt_no") != null) {
                            attempts.add(attempt(result));
                        }
                    } while (result.next());
                    return Optional.of(withAttempts(delivery, attempts));
                }
            }
        });
    }

    @Override
    public boolean redeliver(WebhookId webhookId, DeliveryId id, Instant now) {
        return jdbc.run(connection -> {
            // Connector/J counts matched rows, so a redelivery that changes nothing still finds the delivery
            try (PreparedStatement update = connection.prepareStatement("UPDATE bh_delivery SET status = ?, "
                    + "next_attempt_at = ?, sending = FALSE, schedule_start = attempts "
                    + "WHERE webhook_id = ? AND id = ?")) {
                update.setString(1, DeliveryStatus.PENDING.wireName());
                update.setLong(2, now.toEpochMilli());
                update.setString(3, webhookId.value());
                update.setLong(4, id.value());
                return update.executeUpdate() > 0;
            }
        });
    }

    /**
     * Without its attempts, as a page shows it at {@code now}: sending while its send lease lasts, with nothing
     * scheduled; once the lease is over (its instance stopped) pending or retrying again, due since the lease's end.
     */
    private static Delivery delivery(ResultSet result, Instant now) throws SQLException {
        Instant next = EpochMillis.get(result, "next_attempt_at");
        boolean sending = result.getBoolean("sending") && next != null && next.isAfter(now);
        return new Delivery(new DeliveryId(result.getLong("id")), new WebhookId(result.getString("webhook_id")),
                new BaseId(result.getString("base_id")), result.getLong("seq"),
                new EventId(result.getString("event_id")), result.getString("op_type"),
                sending ? DeliveryStatus.SENDING : status(result.getString("status")), result.getInt("attempts"),
                Instant.ofEpochMilli(result.getLong("created_at")), sending ? null : scheduled(next), List.of());
    }

    /** A parked delivery has nothing scheduled until its webhook is enabled again. */
    private static Instant scheduled(Instant nextAttemptAt) {
        return JdbcDeliveryQueue.PARKED.equals(nextAttemptAt) ? null : nextAttemptAt;
    }

    private static Delivery withAttempts(Delivery delivery, List<Attempt> attempts) {
        return new Delivery(delivery.id(), delivery.webhookId(), delivery.baseId(), delivery.seq(), delivery.eventId(),
                delivery.eventType(), delivery.status(), delivery.attempts(), delivery.createdAt(),
                delivery.nextAttemptAt(), attempts);
    }

    /** As {@link JdbcDeliveryQueue} logged it: a response or an error, the error by its enum name. */
    private static Attempt attempt(ResultSet result) throws SQLException {
        String responseHeaders = result.getString("response_headers");
        String error = result.getString("error");
        Long retryAfterMs = result.getObject("retry_after_ms", Long.class);
        return new Attempt(Instant.ofEpochMilli(result.getLong("attempted_at")),
                Duration.ofMillis(result.getLong("duration_ms")), HeadersColumn.read(result.getString("request_headers")),
                result.getObject("response_status", Integer.class),
                responseHeaders == null ? null : HeadersColumn.read(responseHeaders), result.getString("response_body"),
                error == null ? null : AttemptError.valueOf(error), result.getString("error_detail"),
                retryAfterMs == null ? null : Duration.ofMillis(retryAfterMs));
    }

    private static DeliveryStatus status(String wireName) {
        for (DeliveryStatus status : DeliveryStatus.values()) {
            if (status.wireName().equals(wireName)) {
                return status;
            }
        }
        throw new IllegalStateException("unknown stored delivery status " + wireName);
    }
}
