package io.basehook.adapter.persistence;

import io.basehook.testkit.contract.DeliveryStoreContract;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** {@link JdbcDeliveryQueue} keeps the contract of every role of the stored deliveries. */
@MicronautTest(transactional = false)
class JdbcDeliveryStoreContractTest extends JdbcDeliveryFixture implements DeliveryStoreContract {
}
