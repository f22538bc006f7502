package io.basehook.testkit.memory;

import io.basehook.testkit.contract.ChangeEventOutboxContract;

/** {@link InMemoryChangeEventOutbox} keeps the outbox's contract. */
class InMemoryChangeEventOutboxContractTest extends InMemoryStoreFixture implements ChangeEventOutboxContract {
}
