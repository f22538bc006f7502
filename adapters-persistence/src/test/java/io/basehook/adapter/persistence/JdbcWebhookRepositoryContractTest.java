package io.basehook.adapter.persistence;

import io.basehook.testkit.contract.WebhookRepositoryContract;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** {@link JdbcWebhookRepository} keeps the webhook repository's contract. */
@MicronautTest(transactional = false)
class JdbcWebhookRepositoryContractTest extends JdbcStoreFixture implements WebhookRepositoryContract {
}
