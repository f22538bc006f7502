package io.basehook.adapter.persistence;

import io.basehook.testkit.contract.BaseRepositoryContract;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** {@link JdbcBaseRepository} keeps the base repository's contract. */
@MicronautTest(transactional = false)
class JdbcBaseRepositoryContractTest extends JdbcStoreFixture implements BaseRepositoryContract {
}
