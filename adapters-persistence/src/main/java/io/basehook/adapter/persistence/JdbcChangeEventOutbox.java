package io.basehook.adapter.persistence;

import io.basehook.application.port.out.ChangeEventOutbox;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.EventId;
import io.basehook.domain.row.OpType;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.shared.BasehookException;
import com.mysql.cj.jdbc.StatementImpl;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The outbox in {@code bh_event}. Sequence numbers come from {@code bh_base.last_seq}, bumped under the base's
 * row lock, so they are gapless and follow commit order; a rollback gives the numbers back with the events.
 */
@Singleton
public final class JdbcChangeEventOutbox implements ChangeEventOutbox {

    private final BaseEntityRepository bases;
    private final JdbcConnections jdbc;

    JdbcChangeEventOutbox(BaseEntityRepository bases, JdbcConnections jdbc) {
        this.bases = bases;
        this.jdbc = jdbc;
    }

    @Override
    public long reserveSeqs(BaseId baseId, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("reserve at least one seq");
        }
        // LAST_INSERT_ID(expr) hands the new value back in the update's own answer: one round trip on every
        // content write instead of an update and a read
        return jdbc.run(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE bh_base SET last_seq = LAST_INSERT_ID(last_seq + ?) WHERE id = ?")) {
                update.setInt(1, count);
                update.setString(2, baseId.value());
                if (update.executeUpdate() == 0) {
                    throw BasehookException.notFound("base_not_found", "no base with id " + baseId);
                }
                long last = update.unwrap(StatementImpl.class).getLastInsertID();
                return last - count + 1;
            }
        });
    }

    @Override
    public Map<BaseId, Long> reserveSeqs(Map<BaseId, Integer> counts) {
        counts.values().forEach(count -> {
            if (count < 1) {
                throw new IllegalArgumentException("reserve at least one seq");
            }
        });
        if (counts.size() == 1) {
            Map.Entry<BaseId, Integer> only = counts.entrySet().iterator().next();
            return Map.of(only.getKey(), reserveSeqs(only.getKey(), only.getValue()));
        }
        // one update for all the bases (locked already, so in any order), then their new last_seq read back (a
        // transaction reads its own writes): two round trips, however many bases
        return jdbc.run(connection -> {
            Map<BaseId, Long> first = new HashMap<>();
            for (List<BaseId> chunk : InClause.chunks(counts.keySet())) {
                String in = InClause.placeholders(chunk.size());
                try (PreparedStatement update = connection.prepareStatement("UPDATE bh_base SET last_seq = last_seq + CASE id "
                        + String.join(" ", Collections.nCopies(chunk.size(), "WHEN ? THEN ?")) + " END WHERE id IN (" + in + ")")) {
                    int index = 1;
                    for (BaseId id : chunk) {
                        update.setString(index++, id.value());
                        update.setInt(index++, counts.get(id));
                    }
                    for (BaseId id : chunk) {
                        update.setString(index++, id.value());
                    }
                    if (update.executeUpdate() != chunk.size()) {
                        throw new IllegalStateException("a base to number events for is gone, though locked");
                    }
                }
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT id, last_seq FROM bh_base WHERE id IN (" + in + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        select.setString(i + 1, chunk.get(i).value());
                    }
                    try (ResultSet result = select.executeQuery()) {
                        while (result.next()) {
                            BaseId id = new BaseId(result.getString(1));
                            first.put(id, result.getLong(2) - counts.get(id) + 1);
                        }
                    }
                }
            }
            if (first.size() != counts.size()) {
                throw new IllegalStateException("read back " + first.size() + " of " + counts.size() + " bases' seqs");
            }
            return first;
        });
    }

    @Override
    public void append(List<StoredEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        jdbc.run(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bh_event "
                    + "(base_id, seq, event_id, op_type, occurred_at, payload) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (StoredEvent event : events) {
                    insert.setString(1, event.baseId().value());
                    insert.setLong(2, event.seq());
                    insert.setString(3, event.id().value());
                    insert.setString(4, event.type().wireName());
                    insert.setLong(5, event.occurredAt().toEpochMilli());
                    insert.setString(6, event.payload());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    /**
     * One statement (one snapshot) sizes the next events from {@code LENGTH(payload)} and brings the payloads only of
     * those that start within {@code maxBytes}: the driver, which holds a whole result set, never holds more.
     */
    @Override
    public List<StoredEvent> readAfter(BaseId baseId, long afterSeq, int limit, long maxBytes) {
        if (limit < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("limit and maxBytes must be positive");
        }
        return jdbc.run(connection -> {
            List<StoredEvent> events = new ArrayList<>(Math.min(limit, 1000));
            try (PreparedStatement select = connection.prepareStatement("SELECT e.seq, e.event_id, e.op_type, "
                    + "e.occurred_at, e.payload FROM (SELECT seq, SUM(bytes) OVER (ORDER BY seq) - bytes AS bytes_before "
                    + "FROM (SELECT seq, LENGTH(payload) AS bytes FROM bh_event WHERE base_id = ? AND seq > ? "
                    + "ORDER BY seq LIMIT ?) sized) w JOIN bh_event e ON e.base_id = ? AND e.seq = w.seq "
                    + "WHERE w.bytes_before < ? ORDER BY e.seq")) {
                select.setString(1, baseId.value());
                select.setLong(2, afterSeq);
                select.setInt(3, limit);
                select.setString(4, baseId.value());
                select.setLong(5, maxBytes);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        events.add(new StoredEvent(baseId, result.getLong("seq"), new EventId(result.getString("event_id")),
                                opType(result.getString("op_type")), Instant.ofEpochMilli(result.getLong("occurred_at")),
                                result.getString("payload")));
                    }
                }
            }
            return events;
        });
    }

    @Override
    public long lastSeq(BaseId baseId) {
        return bases.findLastSeqById(baseId.value()).orElse(0L);
    }

    private static OpType opType(String wireName) {
        for (OpType type : OpType.values()) {
            if (type.wireName().equals(wireName)) {
                return type;
            }
        }
        throw new IllegalStateException("unknown stored op_type " + wireName);
    }
}
