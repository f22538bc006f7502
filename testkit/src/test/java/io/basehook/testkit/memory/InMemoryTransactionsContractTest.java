package io.basehook.testkit.memory;

import io.basehook.testkit.contract.TransactionRunnerContract;

/** {@link InMemoryTransactions} keeps the transaction runner's contract over the store's repositories. */
class InMemoryTransactionsContractTest extends InMemoryStoreFixture implements TransactionRunnerContract {
}
