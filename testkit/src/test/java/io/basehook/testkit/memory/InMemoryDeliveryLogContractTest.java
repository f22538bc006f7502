package io.basehook.testkit.memory;

import io.basehook.testkit.contract.DeliveryLogContract;

/** {@link InMemoryDeliveries} keeps the delivery log's contract. */
class InMemoryDeliveryLogContractTest extends InMemoryDeliveryFixture implements DeliveryLogContract {
}
