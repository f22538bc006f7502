package io.basehook.adapter.persistence;

import io.basehook.testkit.contract.TableRepositoryContract;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** {@link JdbcTableRepository} keeps the table repository's contract. */
@MicronautTest(transactional = false)
class JdbcTableRepositoryContractTest extends JdbcStoreFixture implements TableRepositoryContract {
}
