package io.basehook.application.write;

import io.basehook.application.delivery.ChangeRecorder;
import io.basehook.application.port.out.RowRepository;
import io.basehook.application.port.out.TransactionRunner;
import io.basehook.application.lookup.Lookup;
import io.basehook.domain.base.BaseId;

import java.time.Clock;

/**
 * The plainest way to run content writes: each in a transaction of its own, which locks the base, runs the write,
 * stores its new rows and records its changes. Writes into one base wait for each other at the base's lock. The
 * product runs {@link GroupCommit}, which commits the same writes in fewer transactions; this one is for readers,
 * tests, and adapters of stores where a transaction costs little.
 */
public final class TransactionPerWrite implements ContentWrites {

    private final TransactionRunner transactions;
    private final Lookup lookup;
    private final RowRepository rows;
    private final ChangeRecorder changes;
    private final Clock clock;

    public TransactionPerWrite(TransactionRunner transactions, Lookup lookup, RowRepository rows,
                               ChangeRecorder changes, Clock clock) {
        this.transactions = transactions;
        this.lookup = lookup;
        this.rows = rows;
        this.changes = changes;
        this.clock = clock;
    }

    @Override
    public <R> R inLockedBase(BaseId baseId, int rowCount, long bytes, Write<R> write) {
        return transactions.inTransaction(() -> {
            lookup.lockedBase(baseId);
            LockedBase base = new LockedBase(baseId, lookup, clock.instant());
            R result = write.run(base);
            if (!base.inserted().isEmpty()) {
                rows.insertAll(baseId, base.inserted());
            }
            changes.record(baseId, base.events());
            return result;
        });
    }
}
