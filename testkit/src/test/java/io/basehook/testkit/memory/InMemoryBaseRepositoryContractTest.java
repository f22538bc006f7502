package io.basehook.testkit.memory;

import io.basehook.testkit.contract.BaseRepositoryContract;

/** {@link InMemoryBaseRepository} keeps the base repository's contract. */
class InMemoryBaseRepositoryContractTest extends InMemoryStoreFixture implements BaseRepositoryContract {
}
