package io.basehook.testkit.memory;

import io.basehook.application.port.out.ApiTokenRepository;
import io.basehook.application.port.out.BaseRepository;
import io.basehook.application.port.out.ChangeEventOutbox;
import io.basehook.application.port.out.RetentionStore;
import io.basehook.application.port.out.RowRepository;
import io.basehook.application.port.out.TableRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.application.port.out.WebhookRepository;
import io.basehook.domain.base.Base;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.Row;
import io.basehook.domain.row.RowId;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.table.Table;
import io.basehook.domain.table.TableId;
import io.basehook.domain.token.ApiToken;
import io.basehook.domain.token.ApiTokenId;
import io.basehook.domain.token.TokenHash;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Everything Basehook stores, in memory: bases, tables, rows, events, webhooks and API tokens here, the deliveries in
 * the {@link InMemoryDeliveries} it owns. Each port has its adapter ({@link #bases()}, {@link #tables()} and so on);
 * build one store and hand its adapters to the application in place of the database's.
 * <p>
 * Plainly right rather than fast: one reentrant lock guards all of it, every call takes it, and a transaction of
 * {@link #transactions()} holds it from start to end. So transactions run one at a time, a call outside one waits
 * for the one running, and a base is always "locked" by the transaction that asks ({@link BaseRepository#lockById}).
 * A write in a transaction leaves a step in an undo log; a rollback replays the log backwards. Stored entities are
 * copies, never the caller's objects.
 * <p>
 * The deliveries are not part of a transaction: they change at once, as {@link InMemoryDeliveries} says, and a
 * rollback leaves them as they are (a webhook deleted in a transaction that rolls back comes back without its
 * deliveries).
 */
public final class InMemoryStore {

    private final ReentrantLock lock = new ReentrantLock();
    /** The open transaction's undo steps, oldest first; null outside a transaction. */
    private List<Runnable> undo;
    /** Gives stored rows, tables and webhooks their place in insertion order, as an auto-increment key does. */
    private long lastPk;

    // the state, read and written by the adapters with the lock held
    final Map<BaseId, Base> bases = new HashMap<>();
    final Map<BaseId, Long> lastSeqs = new HashMap<>();
    final Map<BaseId, NavigableMap<Long, StoredEvent>> events = new HashMap<>();
    /** By pk: the order they were created in. */
    final NavigableMap<Long, Table> tables = new TreeMap<>();
    final Map<TableKey, Long> tablePks = new HashMap<>();
    /** Per table, by pk. */
    final Map<TableKey, NavigableMap<Long, Row>> rows = new HashMap<>();
    final Map<TableKey, Map<RowId, Long>> rowPks = new HashMap<>();
    /** By pk. */
    final NavigableMap<Long, Webhook> webhooks = new TreeMap<>();
    final Map<WebhookId, Long> webhookPks = new HashMap<>();
    final Map<ApiTokenId, ApiToken> tokens = new HashMap<>();
    final Map<TokenHash, ApiTokenId> tokensByHash = new HashMap<>();

    private final InMemoryBaseRepository baseRepository = new InMemoryBaseRepository(this);
    private final InMemoryTableRepository tableRepository = new InMemoryTableRepository(this);
    private final InMemoryRowRepository rowRepository = new InMemoryRowRepository(this);
    private final InMemoryChangeEventOutbox outbox = new InMemoryChangeEventOutbox(this);
    private final InMemoryWebhookRepository webhookRepository = new InMemoryWebhookRepository(this);
    private final InMemoryApiTokenRepository tokenRepository = new InMemoryApiTokenRepository(this);
    private final InMemoryTransactions transactions = new InMemoryTransactions(this);
    private final InMemoryDeliveries deliveries = new InMemoryDeliveries(webhookRepository, outbox);
    private final InMemoryRetention retention = new InMemoryRetention(this, deliveries);

    public InMemoryStore() {
        webhookRepository.onDelete(deliveries::deleteWebhook);
    }

    public BaseRepository bases() {
        return baseRepository;
    }

    public TableRepository tables() {
        return tableRepository;
    }

    public RowRepository rows() {
        return rowRepository;
    }

    public ChangeEventOutbox outbox() {
        return outbox;
    }

    public WebhookRepository webhooks() {
        return webhookRepository;
    }

    public ApiTokenRepository tokens() {
        return tokenRepository;
    }

    public TransactionRunner transactions() {
        return transactions;
    }

    /** Every role of the stored deliveries, over this store's webhooks and events. */
    public InMemoryDeliveries deliveries() {
        return deliveries;
    }

    public RetentionStore retention() {
        return retention;
    }

    // for the adapters

    /** A table's address: its id is unique within its base only. */
    record TableKey(BaseId baseId, TableId tableId) {
    }

    <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    void locked(Runnable work) {
        locked(() -> {
            work.run();
            return null;
        });
    }

    long nextPk() {
        return ++lastPk;
    }

    /** Puts the entry, with its undo step when a transaction is open. */
    <K, V> void put(Map<K, V> map, K key, V value) {
        boolean had = map.containsKey(key);
        V before = map.put(key, value);
        if (undo != null) {
            undo.add(had ? () -> map.put(key, before) : () -> map.remove(key));
        }
    }

    /** Removes the entry, with its undo step when a transaction is open. @return what it held, null if nothing */
    <K, V> V remove(Map<K, V> map, K key) {
        if (!map.containsKey(key)) {
            return null;
        }
        V before = map.remove(key);
        if (undo != null) {
            undo.add(() -> map.put(key, before));
        }
        return before;
    }

    // for InMemoryTransactions

    /** Takes the lock for a whole transaction and starts its undo log. */
    void begin() {
        lock.lock();
        undo = new ArrayList<>();
    }

    /** Ends the transaction: keeps its writes, or undoes them, newest first; then releases the lock. */
    void end(boolean commit) {
        try {
            if (!commit) {
                for (int i = undo.size() - 1; i >= 0; i--) {
                    undo.get(i).run();
                }
            }
        } finally {
            undo = null;
            lock.unlock();
        }
    }
}
