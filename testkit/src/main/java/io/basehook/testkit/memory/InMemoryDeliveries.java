package io.basehook.testkit.memory;

import io.basehook.application.port.out.ChangeEventOutbox;
import io.basehook.application.port.out.ClaimedDelivery;
import io.basehook.application.port.out.DeliveryBacklogQuery;
import io.basehook.application.port.out.DeliveryClaims;
import io.basehook.application.port.out.DeliveryLog;
import io.basehook.application.port.out.DeliveryOutcome;
import io.basehook.application.port.out.DeliveryOutcomes;
import io.basehook.application.port.out.DeliveryParking;
import io.basehook.application.port.out.DeliveryQueue;
import io.basehook.application.port.out.WebhookRepository;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.delivery.Delivery;
import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.delivery.DeliveryStatus;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The stored deliveries in memory: every role ({@link DeliveryQueue}, {@link DeliveryClaims},
 * {@link DeliveryOutcomes}, {@link DeliveryParking}, {@link DeliveryBacklogQuery}) and the {@link DeliveryLog}, over
 * one map of rows behind one lock, so it is safe from any thread; plainly right rather than fast. A delivery is open
 * while it has a due time; a claim moves that time to the end of its lease, as the database adapter does.
 * <p>
 * It keeps deliveries and their attempts only. Webhooks and events are the store's, and this class meets them at one
 * seam: it reads a base's webhooks (which are enabled now) and writes a webhook's health through the
 * {@link WebhookRepository} it is given, and reads a base's events for {@link #enqueue(BaseId, long, long, Instant)}
 * through the {@link ChangeEventOutbox}; a queued delivery keeps its own copy of its event, as a foreign key keeps
 * the row. Give it the in-memory repository and outbox the rest of the application uses. The store in turn reaches
 * the deliveries through {@link #deleteWebhook} (a webhook is deleted with its deliveries), and retention through
 * {@link #purgeClosed}, {@link #needsEvent} and {@link #dropEvent}; {@link InMemoryStore} wires all of it.
 * Neither repository is called while the lock is held.
 * <p>
 * Transactions are the caller's business: each call takes effect at once.
 */
public final class InMemoryDeliveries implements DeliveryQueue, DeliveryClaims, DeliveryOutcomes, DeliveryParking,
        DeliveryBacklogQuery, DeliveryLog {

    private final WebhookRepository webhooks;
    private final ChangeEventOutbox events;
    private final Object lock = new Object();
    /** By id, which is the order they were queued in. */
    private final TreeMap<Long, Row> rows = new TreeMap<>();
    private long lastId;

    public InMemoryDeliveries(WebhookRepository webhooks, ChangeEventOutbox events) {
        this.webhooks = Objects.requireNonNull(webhooks);
        this.events = Objects.requireNonNull(events);
    }

    // DeliveryQueue

    @Override
    public int enqueue(BaseId baseId, long firstSeq, long lastSeq, Instant now) {
        if (firstSeq > lastSeq) {
            return 0;
        }
        int count = (int) Math.min(Integer.MAX_VALUE, lastSeq - firstSeq + 1);
        List<StoredEvent> range = events.readAfter(baseId, firstSeq - 1, count, Long.MAX_VALUE).stream()
                .filter(event -> event.seq() <= lastSeq).toList();
        List<Target> targets = webhooks.findByBase(baseId).stream().filter(Webhook::enabled)
                .map(webhook -> new Target(webhook.id(), null)).toList();
        return enqueue(baseId, range, targets, now).size();
    }

    @Override
    public List<DeliveryId> enqueue(BaseId baseId, List<StoredEvent> events, List<Target> targets, Instant now) {
        return enqueue(List.of(new Group(baseId, events, targets)), now);
    }

    @Override
    public List<DeliveryId> enqueue(List<Group> groups, Instant now) {
        synchronized (lock) {
            List<DeliveryId> ids = new ArrayList<>();
            for (Group group : groups) {
                for (StoredEvent event : group.events()) {
                    for (Target target : group.targets()) {
                        Row row = new Row(++lastId, target.webhookId(), event, now,
                                target.leasedUntil() == null ? now : target.leasedUntil());
                        row.sending = target.leasedUntil() != null;
                        rows.put(row.id, row);
                        ids.add(new DeliveryId(row.id));
                    }
                }
            }
            return ids;
        }
    }

    // DeliveryClaims

    @Override
    public Claim claim(int limit, Map<WebhookId, Integer> room, int roomOfOthers, Instant now, Instant leaseUntil,
                       long maxBytes) {
        if (limit < 1) {
            return Claim.NONE;
        }
        synchronized (lock) {
            List<Row> due = rows.values().stream().filter(row -> row.isDue(now))
                    .sorted(Comparator.comparing((Row row) -> row.due).thenComparingLong(row -> row.id)).toList();
            if (due.isEmpty()) {
                return new Claim(List.of(), true, true);
            }
            Map<WebhookId, Integer> left = new HashMap<>();
            List<Row> picked = new ArrayList<>();
            boolean sawAllDue = true;
            for (Row row : due) {
                if (picked.size() == limit) {
                    sawAllDue = false;
                    break;
                }
                int free = left.computeIfAbsent(row.webhookId, id -> roomOf(room, roomOfOthers, id));
                if (free > 0) {
                    left.put(row.webhookId, free - 1);
                    picked.add(row);
                }
            }
            long bytes = 0;
            int taken = 0;
            for (Row row : picked) {
                long size = row.event.payload().getBytes(StandardCharsets.UTF_8).length;
                if (taken > 0 && bytes + size > maxBytes) {
                    sawAllDue = false; // the rest stays due, unseen as far as the caller knows
                    break;
                }
                bytes += size;
                taken++;
            }
            List<ClaimedDelivery> claimed = new ArrayList<>(taken);
            for (Row row : picked.subList(0, taken)) {
                row.due = leaseUntil;
                row.sending = true;
                claimed.add(new ClaimedDelivery(new DeliveryId(row.id), row.webhookId, row.event.baseId(),
                        row.event.seq(), row.event.id(), row.attempts, row.scheduleStart, row.event.payload()));
            }
            return new Claim(claimed, sawAllDue, false);
        }
    }

    private static int roomOf(Map<WebhookId, Integer> room, int roomOfOthers, WebhookId webhookId) {
        Integer given = room.containsKey(webhookId) ? room.get(webhookId) : Integer.valueOf(roomOfOthers);
        return given == null ? 0 : Math.max(0, given);
    }

    @Override
    public void release(Collection<DeliveryId> ids, Instant leaseUntil, Instant now) {
        synchronized (lock) {
            for (DeliveryId id : ids) {
                Row row = rows.get(id.value());
                // the lease's own end tells that no other claim has taken it since
                if (row != null && !row.parked && leaseUntil.equals(row.due)) {
                    row.due = now;
                    row.sending = false;
                }
            }
        }
    }

    @Override
    public Set<WebhookId> withNothingDue(Collection<WebhookId> webhookIds, Instant now) {
        Set<WebhookId> clear = new HashSet<>(webhookIds);
        synchronized (lock) {
            rows.values().stream().filter(row -> row.isDue(now)).forEach(row -> clear.remove(row.webhookId));
        }
        return clear;
    }

    // DeliveryOutcomes

    /** Only a delivery still behind the outcome's attempt moves: a late outcome does not undo a newer state. */
    @Override
    public void record(List<DeliveryOutcome> outcomes) {
        synchronized (lock) {
            for (DeliveryOutcome outcome : outcomes) {
                Row row = rows.get(outcome.id().value());
                if (row == null || row.attempts >= outcome.attempts()) {
                    continue;
                }
                row.status = outcome.status();
                row.attempts = outcome.attempts();
                row.due = outcome.status().isOpen() ? outcome.nextAttemptAt() : null;
                row.parked = false;
                row.sending = false;
                row.attemptLog.putIfAbsent(outcome.attempts(), outcome.attempt());
            }
        }
    }

    /** Writes a webhook only where its health changes, through the repository; returns them in id order. */
    @Override
    public List<WebhookId> recordHealth(List<DeliveryOutcome> outcomes, Instant disableFailingSince) {
        if (outcomes.isEmpty()) {
            return List.of();
        }
        Map<WebhookId, Health> batch = new TreeMap<>(Comparator.comparing(WebhookId::value));
        outcomes.forEach(outcome -> batch.computeIfAbsent(outcome.webhookId(), id -> new Health())
                .add(outcome.attempt()));
        Map<WebhookId, Webhook> stored = webhooks.findByIds(batch.keySet());
        List<WebhookId> disabled = new ArrayList<>();
        batch.forEach((id, endpoint) -> {
            Webhook before = stored.get(id);
            if (before == null) {
                return; // deleted meanwhile
            }
            Instant failingSince = endpoint.failingSinceAfter(before.failingSince());
            boolean disable = before.enabled() && endpoint.failingSince() != null && failingSince != null
                    && failingSince.isBefore(disableFailingSince);
            if (disable || !Objects.equals(before.failingSince(), failingSince)) {
                webhooks.update(Webhook.restore(before.id(), before.baseId(), before.url(), before.description(),
                        before.enabled() && !disable, before.autoDisabled() || disable, before.secret(),
                        before.previousSecret(), before.previousSecretExpiresAt(), failingSince, before.createdAt(),
                        before.updatedAt()));
            }
            if (disable) {
                disabled.add(id);
            }
        });
        return disabled;
    }

    // DeliveryParking

    @Override
    public void park(Collection<DeliveryId> ids) {
        Set<WebhookId> owners = new HashSet<>();
        synchronized (lock) {
            ids.stream().map(id -> rows.get(id.value())).filter(Objects::nonNull)
                    .forEach(row -> owners.add(row.webhookId));
        }
        Set<WebhookId> disabled = disabledOf(owners);
        synchronized (lock) {
            for (DeliveryId id : ids) {
                Row row = rows.get(id.value());
                if (row != null && row.due != null && disabled.contains(row.webhookId)) {
                    row.parked = true;
                    row.sending = false;
                }
            }
        }
    }

    @Override
    public int parkDue(WebhookId webhookId, Instant now) {
        if (disabledOf(Set.of(webhookId)).isEmpty()) {
            return 0;
        }
        synchronized (lock) {
            int parked = 0;
            for (Row row : rows.values()) {
                if (row.webhookId.equals(webhookId) && row.isDue(now)) {
                    row.parked = true;
                    row.sending = false;
                    parked++;
                }
            }
            return parked;
        }
    }

    @Override
    public void resume(WebhookId webhookId, Instant now) {
        synchronized (lock) {
            for (Row row : rows.values()) {
                if (row.webhookId.equals(webhookId) && row.due != null && (row.parked || row.due.isAfter(now))) {
                    row.parked = false;
                    row.sending = false;
                    row.due = now;
                }
            }
        }
    }

    /** Of {@code webhookIds}, those stored and disabled now. */
    private Set<WebhookId> disabledOf(Set<WebhookId> webhookIds) {
        Set<WebhookId> disabled = new HashSet<>();
        webhooks.findByIds(webhookIds).forEach((id, webhook) -> {
            if (!webhook.enabled()) {
                disabled.add(id);
            }
        });
        return disabled;
    }

    // DeliveryBacklogQuery

    @Override
    public Backlog backlog() {
        synchronized (lock) {
            List<Row> waiting = rows.values().stream().filter(row -> row.due != null && !row.parked).toList();
            return new Backlog(waiting.size(),
                    waiting.stream().map(row -> row.createdAt).min(Comparator.naturalOrder()).orElse(null),
                    waiting.stream().map(row -> row.due).min(Comparator.naturalOrder()).orElse(null));
        }
    }

    // DeliveryLog

    @Override
    public Page page(WebhookId webhookId, DeliveryStatus status, String cursor, int limit, Instant now) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        long before = decodeCursor(cursor);
        synchronized (lock) {
            List<Delivery> deliveries = new ArrayList<>();
            boolean more = false;
            for (Row row : rows.headMap(before, false).descendingMap().values()) {
                if (!row.webhookId.equals(webhookId)) {
                    continue;
                }
                Delivery shown = row.view(List.of(), now);
                if (status != null && shown.status() != status) {
                    continue;
                }
                if (deliveries.size() == limit) {
                    more = true;
                    break;
                }
                deliveries.add(shown);
            }
            return new Page(deliveries, more ? encodeCursor(deliveries.get(deliveries.size() - 1).id().value()) : null);
        }
    }

    /** The newest attempts whose newer ones weigh less than {@code maxBytes} (headers, bodies and error texts). */
    @Override
    public Optional<Delivery> find(WebhookId webhookId, DeliveryId id, long maxBytes, Instant now) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        synchronized (lock) {
            Row row = rows.get(id.value());
            if (row == null || !row.webhookId.equals(webhookId)) {
                return Optional.empty();
            }
            List<Attempt> kept = new ArrayList<>();
            long newer = 0;
            for (Attempt attempt : row.attemptLog.descendingMap().values()) {
                if (newer >= maxBytes) {
                    break;
                }
                kept.add(0, attempt);
                newer += bytes(attempt);
            }
            return Optional.of(row.view(kept, now));
        }
    }

    @Override
    public boolean redeliver(WebhookId webhookId, DeliveryId id, Instant now) {
        synchronized (lock) {
            Row row = rows.get(id.value());
            if (row == null || !row.webhookId.equals(webhookId)) {
                return false;
            }
            row.status = DeliveryStatus.PENDING;
            row.due = now;
            row.parked = false;
            row.sending = false;
            row.scheduleStart = row.attempts;
            return true;
        }
    }

    // the seam to the store's other parts

    /** Deletes the webhook's deliveries with their attempts, as deleting the webhook does. @return how many went */
    public int deleteWebhook(WebhookId webhookId) {
        synchronized (lock) {
            int before = rows.size();
            rows.values().removeIf(row -> row.webhookId.equals(webhookId));
            return before - rows.size();
        }
    }

    /**
     * Closed deliveries created before {@code olderThan}, with their attempts, oldest first, at most
     * {@code batchSize}: what {@code RetentionStore.purgeDeliveryLogs} removes. @return how many went
     */
    public int purgeClosed(Instant olderThan, int batchSize) {
        synchronized (lock) {
            List<Long> closed = rows.values().stream().filter(row -> row.due == null
                    && row.createdAt.isBefore(olderThan)).limit(Math.max(0, batchSize)).map(row -> row.id).toList();
            closed.forEach(rows::remove);
            return closed.size();
        }
    }

    /** Whether an open delivery still needs the event, so retention keeps it. */
    public boolean needsEvent(BaseId baseId, long seq) {
        synchronized (lock) {
            return rows.values().stream().anyMatch(row -> row.due != null && row.event.seq() == seq
                    && row.event.baseId().equals(baseId));
        }
    }

    /**
     * The event is going, as retention deletes it: its closed deliveries go with it, as a foreign key takes them,
     * unless an open delivery still needs it (then nothing changes). @return whether the event may go
     */
    public boolean dropEvent(BaseId baseId, long seq) {
        synchronized (lock) {
            if (needsEvent(baseId, seq)) {
                return false;
            }
            rows.values().removeIf(row -> row.event.seq() == seq && row.event.baseId().equals(baseId));
            return true;
        }
    }

    private static long bytes(Attempt attempt) {
        long bytes = headerBytes(attempt.requestHeaders()) + headerBytes(attempt.responseHeaders());
        bytes += attempt.responseBody() == null ? 0 : attempt.responseBody().getBytes(StandardCharsets.UTF_8).length;
        bytes += attempt.errorDetail() == null ? 0 : attempt.errorDetail().getBytes(StandardCharsets.UTF_8).length;
        return bytes;
    }

    private static long headerBytes(Map<String, String> headers) {
        long bytes = 0;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            bytes += header.getKey().getBytes(StandardCharsets.UTF_8).length
                    + header.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes;
    }

    /** URL-safe base64 of the last id of a page (8 bytes): opaque to callers. */
    private static String encodeCursor(long lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(Long.BYTES)
                .putLong(lastId).array());
    }

    /** The id the next page starts below; {@link Long#MAX_VALUE} for the first. */
    private static long decodeCursor(String cursor) {
        if (cursor == null) {
            return Long.MAX_VALUE;
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(cursor);
            long key = bytes.length == Long.BYTES ? ByteBuffer.wrap(bytes).getLong() : 0;
            if (key >= 1) {
                return key;
            }
        } catch (IllegalArgumentException malformed) {
            // answered below, as any other cursor a page did not give
        }
        throw BasehookException.invalid("invalid_cursor", "cursor", "cursor is not one a previous page returned");
    }

    /** A webhook's endpoint as one batch of attempts saw it: its last 2xx, and its failures. */
    private static final class Health {
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
                    .min(Comparator.naturalOrder()).orElse(null);
        }

        /** A 2xx makes the stored value stale; without one, an earlier stored start of the failures stays. */
        Instant failingSinceAfter(Instant stored) {
            return lastSuccess != null || stored == null ? failingSince() : stored;
        }
    }

    /** One delivery and its attempts by number. */
    private static final class Row {
        final long id;
        final WebhookId webhookId;
        final StoredEvent event;
        final Instant createdAt;
        DeliveryStatus status = DeliveryStatus.PENDING;
        int attempts;
        int scheduleStart;
        /** When it is due: null once closed; the end of the lease while claimed. */
        Instant due;
        /** Held back until its webhook is enabled again; open, but not due. */
        boolean parked;
        /** Claimed or handed off: being sent until its answer is recorded, it is released or its lease is over. */
        boolean sending;
        final TreeMap<Integer, Attempt> attemptLog = new TreeMap<>();

        Row(long id, WebhookId webhookId, StoredEvent event, Instant createdAt, Instant due) {
            this.id = id;
            this.webhookId = webhookId;
            this.event = event;
            this.createdAt = createdAt;
            this.due = due;
        }

        boolean isDue(Instant now) {
            return due != null && !parked && !due.isAfter(now);
        }

        /** As the log shows it at {@code now}: sending while the lease lasts, with nothing scheduled. */
        Delivery view(List<Attempt> attempts, Instant now) {
            boolean sent = sending && due != null && due.isAfter(now);
            return new Delivery(new DeliveryId(id), webhookId, event.baseId(), event.seq(), event.id(),
                    event.type().wireName(), sent ? DeliveryStatus.SENDING : status, this.attempts, createdAt,
                    parked || sent ? null : due, attempts);
        }
    }
}
