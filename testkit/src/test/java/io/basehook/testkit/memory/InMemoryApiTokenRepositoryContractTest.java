package io.basehook.testkit.memory;

import io.basehook.testkit.contract.ApiTokenRepositoryContract;

/** {@link InMemoryApiTokenRepository} keeps the API token repository's contract. */
class InMemoryApiTokenRepositoryContractTest extends InMemoryStoreFixture implements ApiTokenRepositoryContract {
}
