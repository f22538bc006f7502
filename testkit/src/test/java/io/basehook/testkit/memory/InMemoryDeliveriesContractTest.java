package io.basehook.testkit.memory;

import io.basehook.testkit.contract.DeliveryStoreContract;

/** {@link InMemoryDeliveries} keeps the contract of every role of the stored deliveries. */
class InMemoryDeliveriesContractTest extends InMemoryDeliveryFixture implements DeliveryStoreContract {
}
