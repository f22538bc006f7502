package io.basehook.adapter.persistence;

import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's copy of the tables that writes read, per base and <em>structure revision</em>. A base's revision
 * ({@code bh_base.structure_revision}) is raised in the transaction of every change to its tables, and every such
 * change holds the base's lock, as every content write does. So while a transaction holds a base's lock, the
 * revision it read with the lock says for sure whether a table read earlier at that revision is still the table:
 * on every instance, however the change came. A write to an unchanged base then reads its tables from here instead
 * of from the database (one statement less per write transaction).
 * <p>
 * Only reads in a transaction that holds the base's lock ({@link #locked}) use the cache; the revision they saw is
 * forgotten when that transaction ends, or as soon as it changes a table itself. Entries are table rows as stored
 * (immutable); each read still gets its own domain object.
 */
@Singleton
final class StructureCache {

    /** Bases kept; the least recently used ones go first. */
    static final int MAX_BASES = 10_000;

    private record Entry(long revision, Map<String, TableEntity> tables) {
    }

    private final TransactionOperations<Connection> transactions;
    /** Per open transaction (its connection): the bases it holds locked, with the revision read under the lock. */
    private final Map<Object, Map<String, Long>> lockedRevisions = new ConcurrentHashMap<>();
    private final Map<String, Entry> bases = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_BASES;
        }
    };

    StructureCache(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** The current transaction has locked {@code baseId} and read its revision with the lock. */
    void locked(String baseId, long revision) {
        Optional<? extends TransactionStatus<?>> status = transactions.findTransactionStatus();
        if (status.isEmpty()) {
            return; // autocommit: the lock ended with the statement
        }
        Object connection = status.get().getConnection();
        Map<String, Long> locked = lockedRevisions.get(connection);
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
        locked.put(baseId, revision);
    }

    /** The table as cached at the revision the current transaction holds; empty when it holds no lock or none is cached. */
    Optional<TableEntity> table(String baseId, String tableId) {
        OptionalLong revision = lockedRevision(baseId);
        if (revision.isEmpty()) {
            return Optional.empty();
        }
        synchronized (bases) {
            Entry entry = bases.get(baseId);
            return entry == null || entry.revision() != revision.getAsLong()
                    ? Optional.empty()
                    : Optional.ofNullable(entry.tables().get(tableId));
        }
    }

    /** A table read from the database; kept when the current transaction holds its base's lock. */
    void read(TableEntity table) {
        OptionalLong revision = lockedRevision(table.baseId());
        if (revision.isEmpty()) {
            return;
        }
        synchronized (bases) {
            Entry entry = bases.get(table.baseId());
            if (entry == null || entry.revision() != revision.getAsLong()) {
                entry = new Entry(revision.getAsLong(), new HashMap<>(4));
                bases.put(table.baseId(), entry);
            }
            entry.tables().put(table.tableId(), table);
        }
    }

    /**
     * The current transaction changed a table of {@code baseId} (and raised its revision): it reads that base from
     * the database from now on, and so does everyone once it commits.
     */
    void changed(String baseId) {
        transactions.findTransactionStatus()
                .map(status -> lockedRevisions.get(status.getConnection()))
                .ifPresent(locked -> locked.remove(baseId));
        synchronized (bases) {
            bases.remove(baseId);
        }
    }

    private OptionalLong lockedRevision(String baseId) {
        Optional<? extends TransactionStatus<?>> status = transactions.findTransactionStatus();
        if (status.isEmpty()) {
            return OptionalLong.empty();
        }
        Map<String, Long> locked = lockedRevisions.get(status.get().getConnection());
        Long revision = locked == null ? null : locked.get(baseId);
        return revision == null ? OptionalLong.empty() : OptionalLong.of(revision);
    }
}
