package io.basehook.adapter.persistence;

import io.basehook.testkit.contract.TransactionRunnerContract;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** {@link MicronautTransactionRunner} keeps the transaction runner's contract over the JDBC repositories. */
@MicronautTest(transactional = false)
class MicronautTransactionRunnerContractTest extends JdbcStoreFixture implements TransactionRunnerContract {
}
