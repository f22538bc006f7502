package io.basehook.application.service;

import io.basehook.application.delivery.ChangeRecorder;
import io.basehook.application.port.out.RowRepository;
import io.basehook.application.port.out.TransactionRunner;
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
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The two lanes of one kind of content write (inserts, updates or deletes), each a {@link WriteCombiner}. A write
 * of at most {@link #SHARED_MAX_ROWS} rows goes through the lane that <em>all bases share</em>: its transaction
 * locks the bases of what waits without waiting for any ({@link Lookup#lockAvailable}), runs each base's writes as
 * a {@link ContentBatch}, and then writes the new rows, the seqs, the events and the deliveries of all those bases
 * together, with one commit. A larger write, and one whose base another transaction holds (or that is gone), goes
 * through its <em>base's own lane</em>, which waits for the base's lock as every write did.
 */
final class ContentLanes<C, R> {

    /**
     * Writes of at most this many rows share the lane of all bases; larger ones take their base's own lane, so that
     * a big write into one base never holds up small ones into others.
     */
    static final int SHARED_MAX_ROWS = 100;

    /**
     * The most bytes of values one combined transaction takes in either lane, what one request may carry: its rows go
     * to the database as one statement, which the driver builds in memory whole, and that the write budget must cover.
     */
    static final long MAX_BYTES = 1 << 20;

    /** The key of the one lane that all bases share. */
    private enum Shared { LANE }

    /** The outcome of a write whose base another transaction held, or that does not exist: it runs alone. */
    private static final class BaseHeld extends RuntimeException {
        private static final BaseHeld INSTANCE = new BaseHeld();

        private BaseHeld() {
            super("base held by another transaction", null, false, false);
        }
    }

    private final TransactionRunner transactions;
    private final Lookup lookup;
    private final RowRepository rows;
    private final ChangeRecorder changes;
    private final Clock clock;
    private final Function<C, BaseId> baseOf;
    private final ToIntFunction<C> weight;
    private final BiFunction<C, ContentBatch, R> write;
    private final WriteCombiner<BaseId, C, R> byBase;
    private final WriteCombiner<Shared, C, R> acrossBases;

    /**
     * @param weight    the rows a write takes
     * @param maxWeight the most rows one combined transaction takes, in either lane
     * @param write     one write, its checks before its own writes (a {@link BasehookException} fails it alone); its
     *                  events go to {@link ContentBatch#add}, the rows it creates to {@link ContentBatch#insert}
     */
    ContentLanes(TransactionRunner transactions, Lookup lookup, RowRepository rows, ChangeRecorder changes, Clock clock,
                 Function<C, BaseId> baseOf, ToIntFunction<C> weight, int maxWeight, BiFunction<C, ContentBatch, R> write) {
        this.transactions = transactions;
        this.lookup = lookup;
        this.rows = rows;
        this.changes = changes;
        this.clock = clock;
        this.baseOf = baseOf;
        this.weight = weight;
        this.write = write;
        this.byBase = new WriteCombiner<>(this::runForBase, weight, maxWeight, MAX_BYTES);
        this.acrossBases = new WriteCombiner<>(this::runAcrossBases, weight, maxWeight, MAX_BYTES);
    }

    /**
     * Runs {@code command} in the next batch of its lane; returns its result or throws its error. A small write
     * whose base's own lane is busy here goes straight there: that lane holds the base's lock or waits for it, so
     * the shared lane would only find the base held, pay a lock statement and a rollback, and send it there anyway
     * (with two instances writing one base, as many rollbacks as commits).
     */
    R submit(C command) {
        return submit(command, 0);
    }

    /** As {@link #submit(Object)}, for a write whose values weigh {@code bytes} ({@link WriteSize}). */
    R submit(C command, long bytes) {
        BaseId baseId = baseOf.apply(command);
        if (weight.applyAsInt(command) <= SHARED_MAX_ROWS && !byBase.busy(baseId)) {
            try {
                return acrossBases.submit(Shared.LANE, command, bytes);
            } catch (BaseHeld held) {
                // its base was locked elsewhere (or is gone): wait for it in the base's own lane
            }
        }
        return byBase.submit(baseId, command, bytes);
    }

    /** The writes that reached one base meanwhile, in one transaction under that base's lock. */
    private void runForBase(BaseId baseId, List<WriteCombiner.Slot<C, R>> slots) {
        ContentBatch.run(transactions, lookup, baseId, clock.instant(), slots, write, batch -> finish(List.of(batch)));
    }

    /**
     * The small writes that reached any base meanwhile, in one transaction: the bases no other transaction holds are
     * locked at once, in id order, without waiting; the writes into any other base are told to run alone. Each base's
     * writes then run in the order they came, and what they wrote is finished for all the bases together.
     */
    private void runAcrossBases(Shared lane, List<WriteCombiner.Slot<C, R>> slots) {
        Map<BaseId, List<WriteCombiner.Slot<C, R>>> byId = new TreeMap<>(Comparator.comparing(BaseId::value));
        slots.forEach(slot -> byId.computeIfAbsent(baseOf.apply(slot.command()), id -> new ArrayList<>()).add(slot));
        Instant now = clock.instant();
        transactions.inTransaction(() -> {
            Set<BaseId> locked = new HashSet<>(lookup.lockAvailable(byId.keySet()));
            List<ContentBatch> written = new ArrayList<>(locked.size());
            RuntimeException nothingWritten = BaseHeld.INSTANCE;
            for (Map.Entry<BaseId, List<WriteCombiner.Slot<C, R>>> ofBase : byId.entrySet()) {
                if (!locked.contains(ofBase.getKey())) {
                    ofBase.getValue().forEach(slot -> slot.fail(BaseHeld.INSTANCE));
                    continue;
                }
                ContentBatch batch = ContentBatch.locked(ofBase.getKey(), lookup, now);
                BasehookException failed = batch.writeEach(ofBase.getValue(), write);
                if (failed == null) {
                    written.add(batch);
                } else if (nothingWritten == BaseHeld.INSTANCE) {
                    nothingWritten = failed;
                }
            }
            if (written.isEmpty()) {
                throw nothingWritten; // roll back; each write keeps its own error, or runs alone
            }
            finish(written);
            return null;
        });
    }

    /** The new rows of the batches, then their events with their deliveries: for one base, or for all at once. */
    private void finish(List<ContentBatch> batches) {
        Map<BaseId, List<Row>> inserted = new LinkedHashMap<>();
        Map<BaseId, List<ChangeEvent>> events = new LinkedHashMap<>();
        for (ContentBatch batch : batches) {
            if (!batch.inserted().isEmpty()) {
                inserted.put(batch.baseId(), batch.inserted());
            }
            events.put(batch.baseId(), batch.events());
        }
        if (inserted.size() == 1) {
            inserted.forEach(rows::insertAll);
        } else if (!inserted.isEmpty()) {
            rows.insertAll(inserted);
        }
        changes.recordAll(events);
    }
}
