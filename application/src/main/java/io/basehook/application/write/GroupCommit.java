package io.basehook.application.write;

import io.basehook.application.delivery.ChangeRecorder;
import io.basehook.application.port.out.RowRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.application.lookup.Lookup;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.ChangeEvent;
import io.basehook.domain.row.Row;
import io.basehook.domain.shared.BasehookException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Content writes committed in groups (docs/adr/0008-group-commit.md): the writes that arrive while a transaction runs
 * wait, and then run together in the next one, each with its own result or error. Two queues, each a
 * {@link WriteCombiner}: a write of at most {@link #SHARED_MAX_ROWS} rows goes through the queue that <em>all bases
 * share</em>, whose transaction locks the bases of what waits without waiting for any
 * ({@link Lookup#lockAvailable}), runs each base's writes, and then stores the new rows, the events and the deliveries
 * of all those bases together, with one commit. A larger write, and one whose base another transaction holds (or that
 * is gone), goes through its <em>base's own queue</em>, which waits for the base's lock.
 */
public final class GroupCommit implements ContentWrites {

    /**
     * Writes of at most this many rows share the queue of all bases; larger ones take their base's own queue, so
     * that a big write into one base never holds up small ones into others.
     */
    public static final int SHARED_MAX_ROWS = 100;

    /**
     * The most bytes of values one transaction takes in either queue, what one request may carry: its rows go to the
     * database as one statement, which the driver builds in memory whole, and which the write budget must cover.
     */
    static final long MAX_BYTES = 1 << 20;

    /** The key of the one queue that all bases share. */
    private enum Shared { ALL_BASES }

    /** The outcome of a write whose base another transaction held, or that does not exist: it runs alone. */
    private static final class BaseHeld extends RuntimeException {
        private static final BaseHeld INSTANCE = new BaseHeld();

        private BaseHeld() {
            super("base held by another transaction", null, false, false);
        }
    }

    /** A write waiting for its transaction: its base, the rows it takes, and the work. */
    record Pending(BaseId baseId, int rows, Write<?> write) {
    }

    private final TransactionRunner transactions;
    private final Lookup lookup;
    private final RowRepository rows;
    private final ChangeRecorder changes;
    private final Clock clock;
    private final WriteCombiner<BaseId, Pending, Object> byBase;
    private final WriteCombiner<Shared, Pending, Object> acrossBases;

    /** @param maxRows the most rows one transaction takes, in either queue (a larger single write runs alone) */
    public GroupCommit(TransactionRunner transactions, Lookup lookup, RowRepository rows, ChangeRecorder changes,
                       Clock clock, int maxRows) {
        this.transactions = transactions;
        this.lookup = lookup;
        this.rows = rows;
        this.changes = changes;
        this.clock = clock;
        this.byBase = new WriteCombiner<>(this::runForBase, Pending::rows, maxRows, MAX_BYTES);
        this.acrossBases = new WriteCombiner<>(this::runAcrossBases, Pending::rows, maxRows, MAX_BYTES);
    }

    /**
     * A small write whose base's own queue is busy here goes straight there: that queue holds the base's lock or
     * waits for it, so the shared queue would only find the base held, pay a lock statement and a rollback, and
     * send it there anyway.
     */
    @Override
    @SuppressWarnings("unchecked") // each write's result is the one its own work returned
    public <R> R inLockedBase(BaseId baseId, int rowCount, long bytes, Write<R> write) {
        Pending pending = new Pending(baseId, rowCount, write);
        if (rowCount <= SHARED_MAX_ROWS && !byBase.busy(baseId)) {
            try {
                return (R) acrossBases.submit(Shared.ALL_BASES, pending, bytes);
            } catch (BaseHeld held) {
                // its base was locked elsewhere (or is gone): wait for it in the base's own queue
            }
        }
        return (R) byBase.submit(baseId, pending, bytes);
    }

    /** The writes that reached one base meanwhile, in one transaction under that base's lock. */
    private void runForBase(BaseId baseId, List<WriteCombiner.Slot<Pending, Object>> slots) {
        Instant now = clock.instant();
        transactions.inTransaction(() -> {
            lookup.lockedBase(baseId);
            LockedBase base = new LockedBase(baseId, lookup, now);
            BasehookException nothingWritten = base.runEach(slots);
            if (nothingWritten != null) {
                throw nothingWritten; // nothing to store: roll back; each write keeps its own error
            }
            store(List.of(base));
            return null;
        });
    }

    /**
     * The small writes that reached any base meanwhile, in one transaction: the bases no other transaction holds
     * are locked at once, in id order, without waiting; the writes into any other base are told to run alone. Each
     * base's writes then run in the order they came, and what they wrote is stored for all the bases together.
     */
    private void runAcrossBases(Shared queue, List<WriteCombiner.Slot<Pending, Object>> slots) {
        Map<BaseId, List<WriteCombiner.Slot<Pending, Object>>> byId =
                new TreeMap<>(Comparator.comparing(BaseId::value));
        slots.forEach(slot -> byId.computeIfAbsent(slot.command().baseId(), id -> new ArrayList<>()).add(slot));
        Instant now = clock.instant();
        transactions.inTransaction(() -> {
            Set<BaseId> locked = new HashSet<>(lookup.lockAvailable(byId.keySet()));
            List<LockedBase> written = new ArrayList<>(locked.size());
            RuntimeException nothingWritten = BaseHeld.INSTANCE;
            for (Map.Entry<BaseId, List<WriteCombiner.Slot<Pending, Object>>> ofBase : byId.entrySet()) {
                if (!locked.contains(ofBase.getKey())) {
                    ofBase.getValue().forEach(slot -> slot.fail(BaseHeld.INSTANCE));
                    continue;
                }
                LockedBase base = new LockedBase(ofBase.getKey(), lookup, now);
                BasehookException failed = base.runEach(ofBase.getValue());
                if (failed == null) {
                    written.add(base);
                } else if (nothingWritten == BaseHeld.INSTANCE) {
                    nothingWritten = failed;
                }
            }
            if (written.isEmpty()) {
                throw nothingWritten; // roll back; each write keeps its own error, or runs alone
            }
            store(written);
            return null;
        });
    }

    /** The new rows of the bases, then their events with their deliveries: for one base, or for all at once. */
    private void store(List<LockedBase> bases) {
        Map<BaseId, List<Row>> inserted = new LinkedHashMap<>();
        Map<BaseId, List<ChangeEvent>> events = new LinkedHashMap<>();
        for (LockedBase base : bases) {
            if (!base.inserted().isEmpty()) {
                inserted.put(base.baseId(), base.inserted());
            }
            events.put(base.baseId(), base.events());
        }
        if (inserted.size() == 1) {
            inserted.forEach(rows::insertAll);
        } else if (!inserted.isEmpty()) {
            rows.insertAll(inserted);
        }
        changes.recordAll(events);
    }
}
