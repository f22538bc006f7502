package io.basehook.application.port.out;

import java.util.function.Supplier;

/** Runs a use case's work in one database transaction: everything it writes commits together or not at all. */
public interface TransactionRunner {

    <T> T inTransaction(Supplier<T> work);

    /**
     * A read-only transaction, for several reads on one connection. Each read sees what was committed when it ran
     * (read committed), not one snapshot for all of them: a use case that needs two reads to agree takes a lock, as
     * every write does.
     */
    <T> T readOnly(Supplier<T> work);

    /**
     * Runs {@code action} once the current transaction has committed (never if it rolls back); with no
     * transaction open, runs it now. For signals to other threads that must not see uncommitted work.
     */
    void afterCommit(Runnable action);

    /**
     * Runs {@code action} once the current transaction has ended without a known commit: rolled back, or its
     * outcome unknown (the connection went during the commit). With no transaction open, never runs it.
     */
    void afterRollback(Runnable action);
}
