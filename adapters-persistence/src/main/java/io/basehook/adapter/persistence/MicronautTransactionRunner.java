package io.basehook.adapter.persistence;

import io.basehook.application.port.out.TransactionRunner;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.util.function.Supplier;

/**
 * One database transaction per use case. Repositories, generated or plain JDBC, join the transaction bound
 * here, so a change and its outbox events commit or roll back together; a nested call joins the outer one.
 */
@Singleton
public final class MicronautTransactionRunner implements TransactionRunner {

    private static final Logger LOG = LoggerFactory.getLogger(MicronautTransactionRunner.class);

    private final TransactionOperations<Connection> transactions;

    MicronautTransactionRunner(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        try {
            return transactions.executeWrite(status -> work.get());
        } catch (RuntimeException e) {
            throw DatabaseUnavailable.translate(e);
        }
    }

    @Override
    public <T> T readOnly(Supplier<T> work) {
        try {
            return transactions.executeRead(status -> work.get());
        } catch (RuntimeException e) {
            throw DatabaseUnavailable.translate(e);
        }
    }

    /**
     * Registered with Micronaut's transaction synchronization: a nested call's status hands it to the
     * outermost transaction, so it runs once that one has committed.
     */
    @Override
    public void afterCommit(Runnable action) {
        transactions.findTransactionStatus().ifPresentOrElse(
                status -> status.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        runCommitted(action);
                    }
                }),
                () -> runCommitted(action));
    }

    /** Registered like {@link #afterCommit}: runs when the outermost transaction ends rolled back or unknown. */
    @Override
    public void afterRollback(Runnable action) {
        transactions.findTransactionStatus().ifPresent(status -> status.registerSynchronization(
                new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(Status completion) {
                        if (completion != Status.COMMITTED) {
                            runCommitted(action);
                        }
                    }
                }));
    }

    /**
     * The transaction has ended: a failing signal must not make it look failed to the caller (nor change its
     * outcome), nor stop the next.
     */
    private static void runCommitted(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("an action after commit failed; the transaction stays committed", e);
        }
    }
}
