package io.basehook.adapter.persistence;

import io.basehook.testkit.contract.ApiTokenRepositoryContract;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** {@link JdbcApiTokenRepository} keeps the API token repository's contract. */
@MicronautTest(transactional = false)
class JdbcApiTokenRepositoryContractTest extends JdbcStoreFixture implements ApiTokenRepositoryContract {
}
