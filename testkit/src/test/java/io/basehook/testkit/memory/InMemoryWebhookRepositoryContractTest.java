package io.basehook.testkit.memory;

import io.basehook.testkit.contract.WebhookRepositoryContract;

/** {@link InMemoryWebhookRepository} keeps the webhook repository's contract. */
class InMemoryWebhookRepositoryContractTest extends InMemoryStoreFixture implements WebhookRepositoryContract {
}
