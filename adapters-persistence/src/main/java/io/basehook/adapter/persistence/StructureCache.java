package io.basehook.adapter.persistence;

import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * This instance's copy of the tables and webhooks that writes read, per base and <em>revision</em>. A base has two:
 * {@code bh_base.structure_revision} is raised in the transaction of every change to its tables,
 * {@code bh_base.webhooks_revision} in the transaction of every change to its webhooks, and every such change holds
 * the base's lock, as every content write does. So while a transaction holds a base's lock, the revisions it read
 * with the lock say for sure whether a table or the webhooks read earlier at those revisions are still what is
 * stored: on every instance, however the change came. A write to an unchanged base then reads its table and its
 * webhooks from here instead of from the database (two statements less per write transaction).
 * <p>
 * Only reads in a transaction that holds the base's lock ({@link #locked}) use the cache; the revisions it saw are
 * forgotten when that transaction ends, or as soon as it changes a table or a webhook itself. Entries are rows as
 * stored (immutable); each read still gets its own domain object.
 */
@Singleton
final class StructureCache {

    /** Bases kept per kind; the least recently used ones go first. */
    static final int MAX_BASES = 10_000;

    /** The revisions a transaction read with a base's lock; null where it has changed that kind itself since. */
    private record Revisions(Long structure, Long webhooks) {
    }

    private final TransactionOperations<Connection> transactions;
    /** Per open transaction (its connection): the bases it holds locked, with the revisions read under the lock. */
    private final Map<Object, Map<String, Revisions>> lockedRevisions = new ConcurrentHashMap<>();
    /** Per base: the tables read at its structure revision, by table id. */
    private final Shelf<Map<String, TableEntity>> tables = new Shelf<>();
    /** Per base: all of its webhooks in creation order, read at its webhooks revision. */
    private final Shelf<List<WebhookRow>> webhooks = new Shelf<>();

    StructureCache(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** The current transaction has locked {@code baseId} and read its revisions with the lock. */
    void locked(String baseId, long structureRevision, long webhooksRevision) {
        Optional<? extends TransactionStatus<?>> status = transactions.findTransactionStatus();
        if (status.isEmpty()) {
            return; // autocommit: the lock ended with the statement
        }
        Object connection = status.get().getConnection();
        Map<String, Revisions> locked = lockedRevisions.get(connection);
        if (locked == null) {
            locked = new HashMap<>(4);
            lockedRevisions.put(connection, locked);
            // a nested call's status hands this to the outermost transaction: it runs when the lock is released
            status.get().registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(Status completion) {
                    lockedRevisions.remove(connection);
                }
            });
        }
        locked.put(baseId, new Revisions(structureRevision, webhooksRevision));
    }

    /** The table as cached at the revision the current transaction holds; empty when it holds no lock or none is cached. */
    Optional<TableEntity> table(String baseId, String tableId) {
        OptionalLong revision = lockedRevision(baseId, Revisions::structure);
        return revision.isEmpty() ? Optional.empty()
                : tables.read(baseId, revision.getAsLong(), cached -> cached.get(tableId));
    }

    /** A table read from the database; kept when the current transaction holds its base's lock. */
    void read(TableEntity table) {
        OptionalLong revision = lockedRevision(table.baseId(), Revisions::structure);
        if (revision.isPresent()) {
            tables.update(table.baseId(), revision.getAsLong(), () -> new HashMap<>(4),
                    cached -> cached.put(table.tableId(), table));
        }
    }

    /** The base's webhooks as cached at the revision the current transaction holds; empty as for {@link #table}. */
    Optional<List<WebhookRow>> webhooks(String baseId) {
        OptionalLong revision = lockedRevision(baseId, Revisions::webhooks);
        return revision.isEmpty() ? Optional.empty() : webhooks.read(baseId, revision.getAsLong(), cached -> cached);
    }

    /** All of a base's webhooks read from the database; kept when the current transaction holds its base's lock. */
    void read(String baseId, List<WebhookRow> rows) {
        OptionalLong revision = lockedRevision(baseId, Revisions::webhooks);
        if (revision.isPresent()) {
            List<WebhookRow> copy = List.copyOf(rows);
            webhooks.update(baseId, revision.getAsLong(), () -> copy, cached -> { });
        }
    }

    /**
     * The current transaction changed a table of {@code baseId} (and raised its structure revision): it reads that
     * base's tables from the database from now on, and so does everyone once it commits.
     */
    void tablesChanged(String baseId) {
        forget(baseId, revisions -> new Revisions(null, revisions.webhooks()));
        tables.remove(baseId);
    }

    /** As {@link #tablesChanged}, for a change of one of the base's webhooks (its webhooks revision raised). */
    void webhooksChanged(String baseId) {
        forget(baseId, revisions -> new Revisions(revisions.structure(), null));
        webhooks.remove(baseId);
    }

    private void forget(String baseId, Function<Revisions, Revisions> without) {
        transactions.findTransactionStatus()
                .map(status -> lockedRevisions.get(status.getConnection()))
                .ifPresent(locked -> locked.computeIfPresent(baseId, (id, revisions) -> without.apply(revisions)));
    }

    private OptionalLong lockedRevision(String baseId, Function<Revisions, Long> kind) {
        Optional<? extends TransactionStatus<?>> status = transactions.findTransactionStatus();
        if (status.isEmpty()) {
            return OptionalLong.empty();
        }
        Map<String, Revisions> locked = lockedRevisions.get(status.get().getConnection());
        Revisions revisions = locked == null ? null : locked.get(baseId);
        Long revision = revisions == null ? null : kind.apply(revisions);
        return revision == null ? OptionalLong.empty() : OptionalLong.of(revision);
    }

    /** One kind of cached rows per base, each at the revision it was read at; bounded, least recently used first out. */
    private static final class Shelf<V> {

        private record Entry<V>(long revision, V value) {
        }

        private final Map<String, Entry<V>> entries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry<V>> eldest) {
                return size() > MAX_BASES;
            }
        };

        /** What {@code read} finds in the base's entry at {@code revision}; empty for another revision or none. */
        synchronized <R> Optional<R> read(String baseId, long revision, Function<V, R> read) {
            Entry<V> entry = entries.get(baseId);
            return entry == null || entry.revision() != revision ? Optional.empty() : Optional.ofNullable(read.apply(entry.value()));
        }

        /** Changes the base's entry at {@code revision}, starting it {@code fresh} where it is missing or older. */
        synchronized void update(String baseId, long revision, Supplier<V> fresh, Consumer<V> change) {
            Entry<V> entry = entries.get(baseId);
            if (entry == null || entry.revision() != revision) {
                entry = new Entry<>(revision, fresh.get());
                entries.put(baseId, entry);
            }
            change.accept(entry.value());
        }

        synchronized void remove(String baseId) {
            entries.remove(baseId);
        }
    }
}
