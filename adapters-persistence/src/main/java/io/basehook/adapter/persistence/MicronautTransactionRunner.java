package io.basehook.adapter.persistence;

import io.basehook.application.port.out.TransactionRunner;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.function.Supplier;

/**
 * One database transaction per use case. Repositories, generated or plain JDBC, join the transaction bound
 * here, so a change and its outbox events commit or roll back together; a nested call joins the outer one.
 */
@Singleton
public final class MicronautTransactionRunner implements TransactionRunner {

    private final TransactionOperations<Connection> transactions;

    MicronautTransactionRunner(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return transactions.executeWrite(status -> work.get());
    }

    @Override
    public <T> T readOnly(Supplier<T> work) {
        return transactions.executeRead(status -> work.get());
    }
}
