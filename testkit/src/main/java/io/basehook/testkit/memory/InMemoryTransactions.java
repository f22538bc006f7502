package io.basehook.testkit.memory;

import io.basehook.application.port.out.TransactionRunner;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Transactions over an {@link InMemoryStore}: the simplest thing that is right. A transaction holds the store's one
 * lock from start to end, so transactions run one at a time (serialisable, trivially) and every base it reads is
 * locked; each write it makes through the store's adapters leaves an undo step, and when the work throws the steps
 * are replayed backwards. A nested call joins the transaction open on its thread; when it throws, the whole
 * transaction rolls back, even if the outer work catches the exception (then the outer call throws
 * {@link IllegalStateException}).
 * <p>
 * {@link #readOnly} is the same transaction (nothing stops a write in it). Actions for after the commit or the
 * rollback run once the lock is released, in the order registered; one that throws is logged and does not stop the
 * others. Deadlock-free as long as no transaction waits for another thread that needs the store.
 */
public final class InMemoryTransactions implements TransactionRunner {

    private static final System.Logger LOG = System.getLogger(InMemoryTransactions.class.getName());

    private final InMemoryStore store;
    private final ThreadLocal<Open> open = new ThreadLocal<>();

    InMemoryTransactions(InMemoryStore store) {
        this.store = store;
    }

    /** One transaction on its thread: what runs after it, and whether a nested call failed in it. */
    private static final class Open {
        final List<Runnable> afterCommit = new ArrayList<>();
        final List<Runnable> afterRollback = new ArrayList<>();
        boolean rollbackOnly;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        Open joined = open.get();
        if (joined != null) {
            try {
                return work.get();
            } catch (RuntimeException | Error e) {
                joined.rollbackOnly = true;
                throw e;
            }
        }
        Open transaction = new Open();
        store.begin();
        open.set(transaction);
        boolean committed = false;
        try {
            T result = work.get();
            if (transaction.rollbackOnly) {
                throw new IllegalStateException("rolled back: a call in the transaction failed");
            }
            committed = true;
            return result;
        } finally {
            open.remove();
            store.end(committed);
            (committed ? transaction.afterCommit : transaction.afterRollback).forEach(InMemoryTransactions::runEnded);
        }
    }

    @Override
    public <T> T readOnly(Supplier<T> work) {
        return inTransaction(work);
    }

    @Override
    public void afterCommit(Runnable action) {
        Open transaction = open.get();
        if (transaction == null) {
            runEnded(action);
        } else {
            transaction.afterCommit.add(action);
        }
    }

    @Override
    public void afterRollback(Runnable action) {
        Open transaction = open.get();
        if (transaction != null) {
            transaction.afterRollback.add(action);
        }
    }

    /** The transaction has ended: a failing action must not change its outcome for the caller, nor stop the next. */
    private static void runEnded(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "an action after the end of a transaction failed", e);
        }
    }
}
