package io.basehook.adapter.persistence;

import io.basehook.testkit.contract.DeliveryLogContract;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** {@link JdbcDeliveryLog} keeps the delivery log's contract. */
@MicronautTest(transactional = false)
class JdbcDeliveryLogContractTest extends JdbcDeliveryFixture implements DeliveryLogContract {
}
