package io.basehook.adapter.persistence;

import io.basehook.testkit.contract.RowRepositoryContract;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** {@link JdbcRowRepository} keeps the row repository's contract. */
@MicronautTest(transactional = false)
class JdbcRowRepositoryContractTest extends JdbcStoreFixture implements RowRepositoryContract {
}
