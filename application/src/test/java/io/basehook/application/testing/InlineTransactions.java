package io.basehook.application.testing;

import io.basehook.application.port.out.TransactionRunner;
import org.mockito.Mockito;

import java.util.function.Supplier;

/**
 * The {@link TransactionRunner} port, run in place. Used as a Mockito spy, its {@link #commit()} and
 * {@link #rollback()} are calls that {@code InOrder} can place after the port calls made inside.
 */
public class InlineTransactions implements TransactionRunner {

    private boolean open;
    private final java.util.List<Runnable> afterCommit = new java.util.ArrayList<>();
    private final java.util.List<Runnable> afterRollback = new java.util.ArrayList<>();

    public static InlineTransactions spied() {
        return Mockito.spy(new InlineTransactions());
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (open) {
            throw new IllegalStateException("a use case opens one transaction, not nested ones");
        }
        open = true;
        try {
            T result = work.get();
            commit();
            afterCommit.forEach(Runnable::run);
            return result;
        } catch (RuntimeException e) {
            rollback();
            afterRollback.forEach(Runnable::run);
            throw e;
        } finally {
            open = false;
            afterCommit.clear();
            afterRollback.clear();
        }
    }

    @Override
    public void afterCommit(Runnable action) {
        if (open) {
            afterCommit.add(action);
        } else {
            action.run();
        }
    }

    @Override
    public void afterRollback(Runnable action) {
        if (open) {
            afterRollback.add(action);
        }
    }

    @Override
    public <T> T readOnly(Supplier<T> work) {
        return work.get();
    }

    /** Marks the end of a transaction that committed. */
    public void commit() {
    }

    /** Marks the end of a transaction that rolled back: nothing written inside it survives. */
    public void rollback() {
    }
}
