package io.basehook.testkit.memory;

import io.basehook.testkit.contract.TableRepositoryContract;

/** {@link InMemoryTableRepository} keeps the table repository's contract. */
class InMemoryTableRepositoryContractTest extends InMemoryStoreFixture implements TableRepositoryContract {
}
