package io.basehook.testkit.memory;

import io.basehook.testkit.contract.RowRepositoryContract;

/** {@link InMemoryRowRepository} keeps the row repository's contract. */
class InMemoryRowRepositoryContractTest extends InMemoryStoreFixture implements RowRepositoryContract {
}
