package io.basehook.adapter.persistence;

import io.basehook.application.port.out.ClaimedDelivery;
import io.basehook.application.port.out.DeliveryOutcome;
import io.basehook.application.port.out.DeliveryBacklogQuery;
import io.basehook.application.port.out.DeliveryClaims;
import io.basehook.application.port.out.DeliveryOutcomes;
import io.basehook.application.port.out.DeliveryParking;
import io.basehook.application.port.out.DeliveryQueue;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.delivery.DeliveryStatus;
import io.basehook.domain.row.EventId;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.webhook.WebhookId;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.DefaultTransactionDefinition;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The delivery queue in {@code bh_delivery}, its log in {@code bh_delivery_attempt}. A delivery is open exactly
 * while {@code next_attempt_at} is set: claims read the head of the index on it in claim order, and what lies
 * behind a head blocked by busy webhooks through the index on (webhook, due time).
 */
@Singleton
public final class JdbcDeliveryQueue implements DeliveryQueue, DeliveryClaims, DeliveryOutcomes, DeliveryParking,
        DeliveryBacklogQuery {

    /**
     * How a parked delivery is stored: open (a next attempt set), but due so late that no claim reaches it, and the
     * backlog leaves it out. Resuming its webhook makes it due now.
     */
    static final Instant PARKED = Instant.parse("9999-01-01T00:00:00Z");

    /**
     * Rows of the due index's head a claim reads per delivery it may take. Beyond that head, a webhook at its
     * share is stepped over through the per-webhook index, so the head is kept short: it is read every turn.
     */
    private static final int LOOKAHEAD = 2;
    /**
     * Rows one claim scans at most: the claim stays short whatever limit it is given. A shorter head would spare the
     * turns a slow endpoint's backlog at the head of the index, but it sends every large claim through the
     * per-webhook path and its discovery scan, which costs a fast endpoint far more.
     */
    private static final int MAX_HEAD = 5000;
    /**
     * The head read while the last one was blocked: mostly rows of webhooks without room (a slow endpoint's
     * backlog), read every turn for nothing. What lies behind it is found per webhook anyway.
     */
    private static final int BLOCKED_HEAD = 32;
    private static final int MAX_ERROR_DETAIL = 1000;
    /** Rows per statement of a leased enqueue (a write of 1,000 rows to 20 webhooks is 20,000). */
    private static final int ROWS_PER_INSERT = 1000;
    /** Rows per statement of {@link #parkDue}: each commits on its own, so a backlog is parked in short steps. */
    static final int PARK_CHUNK = 1000;

    /**
     * Read committed (also the pool's default) takes no gap locks: a claim's range scan and the record's updates
     * never block the inserts of {@link #enqueue}, and a claim locks only the rows it reads. Both join the
     * caller's transaction (the delivery loop's turn), which commits before anything claimed is sent.
     */
    private static final TransactionDefinition TURN = readCommitted(TransactionDefinition.Propagation.REQUIRED);

    /** How often a blocked head makes a claim search past it for webhooks it does not know yet. */
    private static final Duration DISCOVERY_INTERVAL = Duration.ofMillis(500);
    /** How long a webhook seen with due deliveries is asked for its own behind a blocked head. */
    private static final Duration ACTIVE_FOR = Duration.ofSeconds(10);
    private static final int MAX_DISCOVERED = 500;

    private final TransactionOperations<Connection> transactions;
    private final JdbcConnections jdbc;
    /** Webhooks last seen healthy: a batch of 2xx for them reads nothing. */
    private final HealthyWebhooks healthy;
    /** Webhooks seen with due deliveries, and when; kept by the claims of this instance. */
    private final Map<String, Instant> active = new ConcurrentHashMap<>();
    private volatile Instant discoveredAt;
    /** Whether the last claim's head was full of rows it could not take (then the next head is short). */
    private volatile boolean headBlocked;

    @Inject
    JdbcDeliveryQueue(TransactionOperations<Connection> transactions, JdbcConnections jdbc) {
        this(transactions, jdbc, new HealthyWebhooks());
    }

    JdbcDeliveryQueue(TransactionOperations<Connection> transactions, JdbcConnections jdbc, HealthyWebhooks healthy) {
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.healthy = healthy;
    }

    @Override
    public int enqueue(BaseId baseId, long firstSeq, long lastSeq, Instant now) {
        if (firstSeq > lastSeq) {
            return 0;
        }
        return jdbc.run(connection -> {
            // the ORDER BY makes ids rise in seq order for each webhook: claims go by id after due time
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bh_delivery "
                    + "(webhook_id, base_id, seq, event_id, status, attempts, created_at, next_attempt_at) "
                    + "SELECT w.id, e.base_id, e.seq, e.event_id, ?, 0, ?, ? FROM bh_webhook w "
                    + "JOIN bh_event e ON e.base_id = w.base_id "
                    + "WHERE w.base_id = ? AND w.enabled AND e.seq BETWEEN ? AND ? ORDER BY e.seq, w.pk")) {
                insert.setString(1, DeliveryStatus.PENDING.wireName());
                insert.setLong(2, now.toEpochMilli());
                insert.setLong(3, now.toEpochMilli());
                insert.setString(4, baseId.value());
                insert.setLong(5, firstSeq);
                insert.setLong(6, lastSeq);
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public List<DeliveryId> enqueue(BaseId baseId, List<StoredEvent> events, List<Target> targets, Instant now) {
        return enqueue(List.of(new Group(baseId, events, targets)), now);
    }

    /** A delivery to insert: an event (which names its base) to one target. */
    private record Queued(StoredEvent event, Target target) {
    }

    /**
     * One multi-row {@code INSERT … VALUES} per {@value #ROWS_PER_INSERT} rows, whichever bases they belong to. Its
     * ids come back as generated keys: a plain insert knows its row count up front, and InnoDB gives such a statement
     * consecutive values in every {@code innodb_autoinc_lock_mode}, which is what Connector/J counts on when it
     * reports them.
     */
    @Override
    public List<DeliveryId> enqueue(List<Group> groups, Instant now) {
        // group by group, event by event, each to the group's targets in order
        List<Queued> queued = new ArrayList<>();
        for (Group group : groups) {
            for (StoredEvent event : group.events()) {
                group.targets().forEach(target -> queued.add(new Queued(event, target)));
            }
        }
        int rows = queued.size();
        if (rows == 0) {
            return List.of();
        }
        return jdbc.run(connection -> {
            List<DeliveryId> ids = new ArrayList<>(rows);
            for (int from = 0; from < rows; from += ROWS_PER_INSERT) {
                int to = Math.min(rows, from + ROWS_PER_INSERT);
                String values = String.join(", ", Collections.nCopies(to - from, "(?, ?, ?, ?, ?, 0, ?, ?, ?)"));
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bh_delivery "
                        + "(webhook_id, base_id, seq, event_id, status, attempts, created_at, next_attempt_at, "
                        + "sending) VALUES "
                        + values, Statement.RETURN_GENERATED_KEYS)) {
                    int index = 1;
                    for (int row = from; row < to; row++) {
                        StoredEvent event = queued.get(row).event();
                        Target target = queued.get(row).target();
                        Instant next = target.leasedUntil() == null ? now : target.leasedUntil();
                        insert.setString(index++, target.webhookId().value());
                        insert.setString(index++, event.baseId().value());
                        insert.setLong(index++, event.seq());
                        insert.setString(index++, event.id().value());
                        insert.setString(index++, DeliveryStatus.PENDING.wireName());
                        insert.setLong(index++, now.toEpochMilli());
                        insert.setLong(index++, next.toEpochMilli());
                        // a hand-off is being sent as it is inserted
                        insert.setBoolean(index++, target.leasedUntil() != null);
                    }
                    insert.executeUpdate();
                    try (ResultSet keys = insert.getGeneratedKeys()) {
                        while (keys.next()) {
                            ids.add(new DeliveryId(keys.getLong(1)));
                        }
                    }
                }
            }
            if (ids.size() != rows) {
                throw new IllegalStateException("inserted " + rows + " deliveries, got " + ids.size() + " ids");
            }
            return ids;
        });
    }

    /**
     * Three steps, each bounded. The head of the due index (at most the look-ahead, whoever it belongs to); if that
     * head is blocked (full of rows of webhooks at their share) and slots are left, each webhook known to have due
     * deliveries is asked for its own, through the per-webhook index; and at most every
     * {@link #DISCOVERY_INTERVAL} the due index is searched past the blocked webhooks for the ones not known yet.
     */
    @Override
    public Claim claim(int limit, Map<WebhookId, Integer> room, int roomOfOthers, Instant now, Instant leaseUntil,
                       long maxBytes) {
        if (limit < 1) {
            return Claim.NONE;
        }
        int lookahead = (int) Math.min((long) limit * LOOKAHEAD, headBlocked ? BLOCKED_HEAD : MAX_HEAD);
        return transactions.execute(TURN, status -> jdbc.run(connection -> {
            Room left = new Room(room, roomOfOthers);
            List<Candidate> head = scanDue(connection, now, lookahead);
            List<Candidate> chosen = new ArrayList<>(pick(head, limit, left));
            // blocked: a full head of which not even a quarter could be taken
            headBlocked = head.size() == lookahead && chosen.size() * 4 < head.size();
            head.forEach(candidate -> active.put(candidate.webhookId(), now));
            // the head held every due row, and the limit took all it could: nothing due was left unseen
            boolean sawAllDue = head.size() < lookahead && chosen.size() < limit;
            if (head.size() == lookahead && chosen.size() < limit) {
                chosen.addAll(behindTheHead(connection, now, limit - chosen.size(), left, chosen));
            }
            List<Due> locked = lockPicked(connection, chosen, now);
            if (locked.isEmpty()) {
                return new Claim(List.of(), sawAllDue, head.isEmpty());
            }
            Map<String, String> payloads = new HashMap<>();
            // a prefix in claim order, so each webhook's deliveries are still taken oldest first
            List<Due> picked = locked.subList(0, payloads(connection, locked, maxBytes, payloads));
            if (picked.size() < locked.size()) {
                sawAllDue = false; // the rest stays due, unseen as far as the caller knows
            }
            lease(connection, picked, leaseUntil);
            List<ClaimedDelivery> claimed = new ArrayList<>(picked.size());
            for (Due due : picked) {
                String payload = payloads.get(due.eventId());
                if (payload == null) {
                    throw new IllegalStateException("delivery " + due.id() + " has no event (the FK forbids this)");
                }
                claimed.add(new ClaimedDelivery(new DeliveryId(due.id()), new WebhookId(due.webhookId()),
                        new BaseId(due.baseId()), due.seq(), new EventId(due.eventId()), due.attempts(),
                        due.scheduleStart(), payload));
            }
            return new Claim(claimed, sawAllDue, false);
        }));
    }

    /** Due deliveries of webhooks with room left that a blocked head hides, in claim order per webhook. */
    private List<Candidate> behindTheHead(Connection connection, Instant now, int slots, Room left,
                                          List<Candidate> chosen) throws SQLException {
        List<String> blocked = left.full();
        Instant lastDiscovery = discoveredAt;
        if (lastDiscovery == null || !now.isBefore(lastDiscovery.plus(DISCOVERY_INTERVAL))
                || now.isBefore(lastDiscovery)) {
            discoveredAt = now;
            for (String webhookId : discover(connection, now, blocked)) {
                active.put(webhookId, now);
            }
        }
        active.values().removeIf(seen -> seen.isBefore(now.minus(ACTIVE_FOR)));
        Set<Long> alreadyChosen = new HashSet<>();
        Map<String, Integer> chosenOf = new HashMap<>();
        for (Candidate candidate : chosen) {
            alreadyChosen.add(candidate.id());
            chosenOf.merge(candidate.webhookId(), 1, Integer::sum);
        }
        List<Candidate> found = new ArrayList<>();
        List<String> open = active.keySet().stream().filter(id -> left.of(id) > 0).sorted().toList();
        for (List<String> chunk : InClause.chunks(open)) {
            // the rows taken from the head come first in a webhook's own order: ask for them and its room
            Map<String, Integer> wanted = new HashMap<>();
            chunk.forEach(id -> wanted.put(id, chosenOf.getOrDefault(id, 0) + left.of(id)));
            for (Candidate candidate : dueOf(connection, now, chunk, wanted)) {
                if (!alreadyChosen.contains(candidate.id())) {
                    found.add(candidate);
                }
            }
        }
        // due order across webhooks, as the head would have given them
        found.sort(Comparator.comparingLong(Candidate::dueAt).thenComparingLong(Candidate::id));
        return pick(found, slots, left);
    }

    /**
     * Webhooks with due deliveries besides the blocked ones. Grouped by webhook with the MIN, both servers read it
     * as a loose scan of the per-webhook due index: a couple of index dives per webhook, however long a blocked
     * webhook's backlog is (a DISTINCT over the due index stepped over all of it, 7,000 rows a search in the
     * slow-receiver benchmark).
     */
    private static List<String> discover(Connection connection, Instant now, List<String> blocked)
            throws SQLException {
        String skipBlocked = blocked.isEmpty() ? ""
                : " AND webhook_id NOT IN (" + InClause.placeholders(blocked.size()) + ")";
        List<String> found = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT webhook_id, MIN(next_attempt_at) "
                + "FROM bh_delivery WHERE next_attempt_at <= ?" + skipBlocked + " GROUP BY webhook_id LIMIT "
                + MAX_DISCOVERED)) {
            int index = 1;
            select.setLong(index++, now.toEpochMilli());
            for (String webhookId : blocked) {
                select.setString(index++, webhookId);
            }
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    found.add(result.getString(1));
                }
            }
        }
        return found;
    }

    /** Up to {@code wanted} due deliveries of each of {@code webhookIds}, from the per-webhook index. */
    private static List<Candidate> dueOf(Connection connection, Instant now, List<String> webhookIds,
                                         Map<String, Integer> wanted)
            throws SQLException {
        // in the index's order (a retry due in the same millisecond as a first attempt comes after it), so that
        // the rows are read in order instead of sorted: a slow endpoint's backlog can be long
        String one = "(SELECT id, webhook_id, next_attempt_at FROM bh_delivery WHERE webhook_id = ? "
                + "AND next_attempt_at <= ? ORDER BY next_attempt_at, status, id LIMIT ?)";
        String sql = String.join(" UNION ALL ", Collections.nCopies(webhookIds.size(), one));
        List<Candidate> due = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            int index = 1;
            for (String webhookId : webhookIds) {
                select.setString(index++, webhookId);
                select.setLong(index++, now.toEpochMilli());
                select.setInt(index++, wanted.get(webhookId));
            }
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    due.add(new Candidate(result.getLong(1), result.getString(2), result.getLong(3)));
                }
            }
        }
        return due;
    }

    /**
     * The head of the due index: due open deliveries in claim order, as far as the look-ahead goes, whoever they
     * belong to; only their id, webhook and due time, read from the index alone and locking nothing.
     */
    private static List<Candidate> scanDue(Connection connection, Instant now, int lookahead) throws SQLException {
        List<Candidate> due = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, webhook_id, next_attempt_at FROM "
                + "bh_delivery WHERE next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?")) {
            select.setLong(1, now.toEpochMilli());
            select.setInt(2, lookahead);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    due.add(new Candidate(result.getLong(1), result.getString(2), result.getLong(3)));
                }
            }
        }
        return due;
    }

    /**
     * Locks the picked deliveries that are still due, in claim order: one another instance holds is skipped, not
     * waited for, and one it leased meanwhile is no longer due.
     */
    private static List<Due> lockPicked(Connection connection, List<Candidate> picked, Instant now)
            throws SQLException {
        if (picked.isEmpty()) {
            return List.of();
        }
        Map<Long, Due> locked = new HashMap<>();
        for (List<Candidate> chunk : InClause.chunks(picked)) {
            try (PreparedStatement select = connection.prepareStatement("SELECT id, webhook_id, base_id, seq, "
                    + "event_id, attempts, schedule_start FROM bh_delivery WHERE id IN ("
                    + InClause.placeholders(chunk.size()) + ") AND next_attempt_at <= ? FOR UPDATE SKIP LOCKED")) {
                int index = 1;
                for (Candidate candidate : chunk) {
                    select.setLong(index++, candidate.id());
                }
                select.setLong(index, now.toEpochMilli());
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        Due due = new Due(result.getLong("id"), result.getString("webhook_id"),
                                result.getString("base_id"), result.getLong("seq"), result.getString("event_id"),
                                result.getInt("attempts"), result.getInt("schedule_start"));
                        locked.put(due.id(), due);
                    }
                }
            }
        }
        List<Due> inOrder = new ArrayList<>(locked.size());
        for (Candidate candidate : picked) {
            Due due = locked.get(candidate.id());
            if (due != null) {
                inOrder.add(due);
            }
        }
        return inOrder;
    }

    /** In claim order: at most {@code limit}, and no more per webhook than its room (which it uses up). */
    private static List<Candidate> pick(List<Candidate> candidates, int limit, Room left) {
        List<Candidate> picked = new ArrayList<>(Math.min(limit, candidates.size()));
        for (Candidate candidate : candidates) {
            if (picked.size() == limit) {
                break;
            }
            if (left.take(candidate.webhookId())) {
                picked.add(candidate);
            }
        }
        return picked;
    }

    private static void lease(Connection connection, List<Due> picked, Instant leaseUntil) throws SQLException {
        for (List<Long> chunk : InClause.chunks(picked.stream().map(Due::id).toList())) {
            try (PreparedStatement update = connection.prepareStatement("UPDATE bh_delivery SET next_attempt_at = ?, "
                    + "sending = TRUE WHERE id IN (" + InClause.placeholders(chunk.size()) + ")")) {
                update.setLong(1, leaseUntil.toEpochMilli());
                bindLongs(update, 2, chunk);
                update.executeUpdate();
            }
        }
    }

    /**
     * Reads into {@code payloads} each event's payload once, however many webhooks it goes to, for the longest prefix
     * of {@code picked} whose payloads weigh at most {@code maxBytes} (each delivery counted in full; the first one
     * always); a plain read, nothing more is locked. Payloads up to an even share of the bytes come with their sizes
     * in one read (every ordinary claim); only larger ones that fit are read after it.
     *
     * @return how many of {@code picked} it read
     */
    private static int payloads(Connection connection, List<Due> picked, long maxBytes, Map<String, String> payloads)
            throws SQLException {
        long share = Math.max(1, maxBytes / picked.size());
        Map<String, Long> sizes = new HashMap<>();
        for (List<String> chunk : InClause.chunks(distinctEvents(picked))) {
            try (PreparedStatement select = connection.prepareStatement("SELECT event_id, LENGTH(payload) AS bytes, "
                    + "CASE WHEN LENGTH(payload) <= ? THEN payload END AS payload FROM bh_event "
                    + "WHERE event_id IN (" + InClause.placeholders(chunk.size()) + ")")) {
                select.setLong(1, share);
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 2, chunk.get(i));
                }
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        String eventId = result.getString("event_id");
                        sizes.put(eventId, result.getLong("bytes"));
                        String payload = result.getString("payload");
                        if (payload != null) {
                            payloads.put(eventId, payload);
                        }
                    }
                }
            }
        }
        int taken = 0;
        long bytes = 0;
        List<String> larger = new ArrayList<>();
        for (Due due : picked) {
            long size = sizes.getOrDefault(due.eventId(), 0L);
            if (taken > 0 && bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            taken++;
            if (!payloads.containsKey(due.eventId()) && sizes.containsKey(due.eventId())) {
                larger.add(due.eventId());
            }
        }
        for (List<String> chunk : InClause.chunks(List.copyOf(new LinkedHashSet<>(larger)))) {
            try (PreparedStatement select = connection.prepareStatement("SELECT event_id, payload FROM bh_event "
                    + "WHERE event_id IN (" + InClause.placeholders(chunk.size()) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        payloads.put(result.getString("event_id"), result.getString("payload"));
                    }
                }
            }
        }
        return taken;
    }

    private static List<String> distinctEvents(List<Due> picked) {
        return List.copyOf(new LinkedHashSet<>(picked.stream().map(Due::eventId).toList()));
    }

    /**
     * A few statements whatever the batch size: the deliveries, locked and updated in id order (for a batch that
     * ends alike, one statement does both), then the attempt log.
     */
    @Override
    public void record(List<DeliveryOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        transactions.execute(TURN, status -> jdbc.run(connection -> {
            List<DeliveryOutcome> sorted = outcomes.stream()
                    .sorted(Comparator.comparingLong(outcome -> outcome.id().value())).toList();
            // a delivery deleted meanwhile (its webhook or event went) leaves nothing to log, nor does an outcome
            // recorded late (after its lease ran out, another instance recorded this attempt number already: the
            // log keeps that first record)
            insertAttempts(connection, updateDeliveries(connection, sorted));
            return null;
        }));
    }

    /**
     * A plain read of the webhooks' stored health; where the batch changes it (or disables a webhook), a transaction
     * of its own that locks the webhooks' bases first ({@link WebhookHealth}). A batch of endpoints that keep
     * answering 2xx writes nothing, and reads nothing while they were seen healthy within the last second
     * ({@link HealthyWebhooks}).
     */
    @Override
    public List<WebhookId> recordHealth(List<DeliveryOutcome> outcomes, Instant disableFailingSince) {
        if (transactions.findTransactionStatus().isPresent()) {
            // it would wait for a base's lock while the caller holds deliveries that the lock's holder may wait for
            throw new IllegalStateException("a webhook's health is recorded outside any transaction");
        }
        if (outcomes.isEmpty()) {
            return List.of();
        }
        WebhookHealth health = new WebhookHealth(outcomes, disableFailingSince);
        if (health.onlySuccesses() && healthy.allFresh(health.webhooks())) {
            return List.of();
        }
        healthy.forget(health.webhooks());
        jdbc.run(connection -> {
            health.read(connection);
            return null;
        });
        List<WebhookId> disabled = health.changes()
                ? transactions.execute(TURN, status -> jdbc.run(health::write)) : List.of();
        healthy.seen(health.healthyAfter());
        return disabled;
    }

    private static void insertAttempts(Connection connection, List<DeliveryOutcome> outcomes) throws SQLException {
        if (outcomes.isEmpty()) {
            return;
        }
        // a lease that ran out mid-attempt lets a second instance log the same attempt number: keep the first
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bh_delivery_attempt (delivery_id, "
                + "attempt_no, attempted_at, duration_ms, request_headers, response_status, response_headers, "
                + "response_body, error, error_detail, retry_after_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE delivery_id = delivery_id")) {
            for (DeliveryOutcome outcome : outcomes) {
                Attempt attempt = outcome.attempt();
                boolean answered = attempt.responseStatus() != null;
                insert.setLong(1, outcome.id().value());
                insert.setInt(2, outcome.attempts());
                insert.setLong(3, attempt.at().toEpochMilli());
                insert.setLong(4, attempt.duration().toMillis());
                insert.setString(5, HeadersColumn.write(attempt.requestHeaders()));
                insert.setObject(6, attempt.responseStatus());
                insert.setString(7, answered ? HeadersColumn.write(attempt.responseHeaders()) : null);
                insert.setString(8, attempt.responseBody());
                insert.setString(9, attempt.error() == null ? null : attempt.error().name());
                insert.setString(10, truncated(attempt.errorDetail()));
                insert.setObject(11, attempt.retryAfter() == null ? null : attempt.retryAfter().toMillis());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * The outcomes whose attempt goes into the log. Only deliveries still behind the outcome's attempt are moved:
     * an outcome recorded late (after its lease ran out and another instance recorded the same attempt) must not
     * overwrite the newer state, and a delivery deleted meanwhile is not there. A batch that ends alike is moved by
     * {@link #updateAlike}; a mixed one is locked first, in id order (the order of the outcomes), and then one
     * statement moves all that end alike, instead of one statement per delivery.
     */
    private static List<DeliveryOutcome> updateDeliveries(Connection connection, List<DeliveryOutcome> outcomes)
            throws SQLException {
        Ending first = ending(outcomes.get(0));
        if (outcomes.stream().allMatch(outcome -> ending(outcome).equals(first))) {
            return updateAlike(connection, outcomes, first);
        }
        Map<Long, Integer> storedAttempts = storedAttempts(connection, ids(outcomes), true);
        List<DeliveryOutcome> updated = new ArrayList<>(outcomes.size());
        Map<Ending, List<Long>> alike = new LinkedHashMap<>();
        for (DeliveryOutcome outcome : outcomes) {
            Integer stored = storedAttempts.get(outcome.id().value());
            if (stored != null && stored < outcome.attempts()) {
                updated.add(outcome);
                alike.computeIfAbsent(ending(outcome), ending -> new ArrayList<>()).add(outcome.id().value());
            }
        }
        for (Map.Entry<Ending, List<Long>> entry : alike.entrySet()) {
            for (List<Long> chunk : InClause.chunks(entry.getValue())) {
                move(connection, entry.getKey(), chunk, false);
            }
        }
        return updated;
    }

    /**
     * A batch whose deliveries all end alike (the usual one: first attempts that succeeded) needs no locking read
     * first: one statement per chunk moves those still behind the outcome's attempt, and locks them as it goes, in
     * id order. Only if it moved fewer than it was given (an outcome recorded late, a delivery deleted meanwhile) are
     * the deliveries still there read, for the attempt log; a late outcome's attempt is kept out of it by the log's
     * key (the first record of an attempt number stays).
     */
    private static List<DeliveryOutcome> updateAlike(Connection connection, List<DeliveryOutcome> outcomes,
                                                     Ending ending) throws SQLException {
        List<Long> ids = ids(outcomes);
        int moved = 0;
        for (List<Long> chunk : InClause.chunks(ids)) {
            moved += move(connection, ending, chunk, true);
        }
        if (moved == outcomes.size()) {
            return outcomes;
        }
        Set<Long> present = storedAttempts(connection, ids, false).keySet();
        return outcomes.stream().filter(outcome -> present.contains(outcome.id().value())).toList();
    }

    private static List<Long> ids(List<DeliveryOutcome> outcomes) {
        return outcomes.stream().map(outcome -> outcome.id().value()).toList();
    }

    /** The attempts stored for those of {@code ids} that are still there; {@code lock}: locked, in id order. */
    private static Map<Long, Integer> storedAttempts(Connection connection, List<Long> ids, boolean lock)
            throws SQLException {
        Map<Long, Integer> stored = new HashMap<>();
        for (List<Long> chunk : InClause.chunks(ids)) {
            try (PreparedStatement select = connection.prepareStatement("SELECT id, attempts FROM bh_delivery WHERE "
                    + "id IN (" + InClause.placeholders(chunk.size()) + ")" + (lock ? " FOR UPDATE" : ""))) {
                bindLongs(select, 1, chunk);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        stored.put(result.getLong(1), result.getInt(2));
                    }
                }
            }
        }
        return stored;
    }

    /** Moves the deliveries to their ending; {@code onlyBehind}: only those still behind its attempt. */
    private static int move(Connection connection, Ending ending, List<Long> ids, boolean onlyBehind)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE bh_delivery SET status = ?, "
                + "attempts = ?, next_attempt_at = ?, sending = FALSE "
                + "WHERE id IN (" + InClause.placeholders(ids.size()) + ")"
                + (onlyBehind ? " AND attempts < ?" : ""))) {
            update.setString(1, ending.status().wireName());
            update.setInt(2, ending.attempts());
            EpochMillis.set(update, 3, ending.nextAttemptAt());
            bindLongs(update, 4, ids);
            if (onlyBehind) {
                update.setInt(4 + ids.size(), ending.attempts());
            }
            return update.executeUpdate();
        }
    }

    private static Ending ending(DeliveryOutcome outcome) {
        // closed means no next attempt: that keeps it out of the due index
        Instant next = outcome.status().isOpen() ? outcome.nextAttemptAt() : null;
        return new Ending(outcome.status(), outcome.attempts(), next);
    }

    /** Where an outcome leaves its delivery; deliveries that end alike are moved by one statement. */
    private record Ending(DeliveryStatus status, int attempts, Instant nextAttemptAt) {
    }

    @Override
    public void park(Collection<DeliveryId> ids) {
        List<List<Long>> chunks = InClause.chunks(ids.stream().map(DeliveryId::value).toList());
        if (chunks.isEmpty()) {
            return;
        }
        jdbc.run(connection -> {
            for (List<Long> chunk : chunks) {
                // closed deliveries stay closed; a webhook enabled again meanwhile keeps its deliveries due
                try (PreparedStatement update = connection.prepareStatement("UPDATE bh_delivery "
                        + "SET next_attempt_at = ?, sending = FALSE "
                        + "WHERE id IN (" + InClause.placeholders(chunk.size()) + ") "
                        + "AND next_attempt_at IS NOT NULL "
                        + "AND webhook_id IN (SELECT id FROM bh_webhook WHERE NOT enabled)")) {
                    update.setLong(1, PARKED.toEpochMilli());
                    bindLongs(update, 2, chunk);
                    update.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public void release(Collection<DeliveryId> ids, Instant leaseUntil, Instant now) {
        List<List<Long>> chunks = InClause.chunks(ids.stream().map(DeliveryId::value).toList());
        if (chunks.isEmpty()) {
            return;
        }
        transactions.execute(TURN, status -> jdbc.run(connection -> {
            for (List<Long> chunk : chunks) {
                // the lease's own time tells that no other instance has taken it since (times are epoch millis)
                try (PreparedStatement update = connection.prepareStatement("UPDATE bh_delivery "
                        + "SET next_attempt_at = ?, sending = FALSE "
                        + "WHERE id IN (" + InClause.placeholders(chunk.size()) + ") "
                        + "AND next_attempt_at = ?")) {
                    update.setLong(1, now.toEpochMilli());
                    bindLongs(update, 2, chunk);
                    update.setLong(chunk.size() + 2, leaseUntil.toEpochMilli());
                    update.executeUpdate();
                }
            }
            return null;
        }));
    }

    /** One index dive per webhook (the per-webhook due index), however long a webhook's backlog is. */
    @Override
    public Set<WebhookId> withNothingDue(Collection<WebhookId> webhookIds, Instant now) {
        Set<WebhookId> clear = new HashSet<>(webhookIds);
        if (clear.isEmpty()) {
            return clear;
        }
        String one = "(SELECT webhook_id FROM bh_delivery WHERE webhook_id = ? AND next_attempt_at <= ? LIMIT 1)";
        jdbc.run(connection -> {
            for (List<WebhookId> chunk : InClause.chunks(List.copyOf(clear))) {
                try (PreparedStatement select = connection.prepareStatement(
                        String.join(" UNION ALL ", Collections.nCopies(chunk.size(), one)))) {
                    int index = 1;
                    for (WebhookId webhookId : chunk) {
                        select.setString(index++, webhookId.value());
                        select.setLong(index++, now.toEpochMilli());
                    }
                    try (ResultSet result = select.executeQuery()) {
                        while (result.next()) {
                            clear.remove(new WebhookId(result.getString(1)));
                        }
                    }
                }
            }
            return null;
        });
        return clear;
    }

    @Override
    public int parkDue(WebhookId webhookId, Instant now) {
        int parked = 0;
        while (true) {
            // one statement per chunk, each its own commit: a long backlog never holds its locks all at once
            int chunk = jdbc.run(connection -> {
                try (PreparedStatement update = connection.prepareStatement("UPDATE bh_delivery "
                        + "SET next_attempt_at = ?, sending = FALSE WHERE webhook_id = ? AND next_attempt_at <= ? "
                        + "AND webhook_id IN (SELECT id FROM bh_webhook WHERE NOT enabled) "
                        + "ORDER BY next_attempt_at, status, id LIMIT " + PARK_CHUNK)) {
                    update.setLong(1, PARKED.toEpochMilli());
                    update.setString(2, webhookId.value());
                    update.setLong(3, now.toEpochMilli());
                    return update.executeUpdate();
                }
            });
            parked += chunk;
            if (chunk < PARK_CHUNK) {
                return parked;
            }
        }
    }

    @Override
    public void resume(WebhookId webhookId, Instant now) {
        jdbc.run(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE bh_delivery "
                    + "SET next_attempt_at = ?, sending = FALSE WHERE webhook_id = ? AND next_attempt_at > ?")) {
                update.setLong(1, now.toEpochMilli());
                update.setString(2, webhookId.value());
                update.setLong(3, now.toEpochMilli());
                return update.executeUpdate();
            }
        });
    }

    @Override
    public Backlog backlog() {
        return jdbc.run(connection -> {
            // answered from the due index alone: it holds exactly the open deliveries, with created_at;
            // parked ones (of disabled webhooks) are not waiting on Basehook, so an alert on age ignores them
            try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) AS open, "
                    + "MIN(created_at) AS oldest, MIN(next_attempt_at) AS due FROM bh_delivery "
                    + "WHERE next_attempt_at < ?")) {
                select.setLong(1, PARKED.toEpochMilli());
                try (ResultSet result = select.executeQuery()) {
                    result.next();
                    return new Backlog(result.getLong("open"), EpochMillis.get(result, "oldest"),
                            EpochMillis.get(result, "due"));
                }
            }
        });
    }

    /** Cut at a character boundary, never inside a surrogate pair. */
    private static String truncated(String text) {
        if (text == null || text.length() <= MAX_ERROR_DETAIL) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_ERROR_DETAIL - 1)) ? MAX_ERROR_DETAIL - 1 : MAX_ERROR_DETAIL;
        return text.substring(0, end);
    }

    private static void bindLongs(PreparedStatement statement, int from, List<Long> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            statement.setLong(from + i, values.get(i));
        }
    }

    private static TransactionDefinition readCommitted(TransactionDefinition.Propagation propagation) {
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition(propagation);
        definition.setIsolationLevel(TransactionDefinition.Isolation.READ_COMMITTED);
        return definition;
    }

    /** How many more deliveries each webhook may take in this claim; used up as they are picked. */
    private static final class Room {
        private final Map<String, Integer> left = new HashMap<>();
        private final int ofOthers;

        Room(Map<WebhookId, Integer> room, int ofOthers) {
            room.forEach((webhookId, count) -> left.put(webhookId.value(), count == null ? 0 : Math.max(0, count)));
            this.ofOthers = Math.max(0, ofOthers);
        }

        int of(String webhookId) {
            return left.getOrDefault(webhookId, ofOthers);
        }

        boolean take(String webhookId) {
            int free = of(webhookId);
            if (free < 1) {
                return false;
            }
            left.put(webhookId, free - 1);
            return true;
        }

        /** The webhooks without room, in id order. */
        List<String> full() {
            return left.entrySet().stream().filter(entry -> entry.getValue() < 1).map(Map.Entry::getKey).sorted()
                    .toList();
        }
    }

    /** A due delivery as the claim's scan sees it. */
    private record Candidate(long id, String webhookId, long dueAt) {
    }

    /** A due delivery as the claim reads it. */
    private record Due(long id, String webhookId, String baseId, long seq, String eventId, int attempts,
                       int scheduleStart) {
    }
}
