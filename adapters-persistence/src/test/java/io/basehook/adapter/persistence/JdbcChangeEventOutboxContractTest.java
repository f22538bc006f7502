package io.basehook.adapter.persistence;

import io.basehook.testkit.contract.ChangeEventOutboxContract;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** {@link JdbcChangeEventOutbox} keeps the outbox's contract. */
@MicronautTest(transactional = false)
class JdbcChangeEventOutboxContractTest extends JdbcStoreFixture implements ChangeEventOutboxContract {
}
