package io.basehook.testkit.contract;

import io.basehook.application.port.out.DeliveryBacklogQuery;
import io.basehook.application.port.out.DeliveryClaims;
import io.basehook.application.port.out.DeliveryOutcomes;
import io.basehook.application.port.out.DeliveryParking;
import io.basehook.application.port.out.DeliveryQueue;

/**
 * Every contract of the stored deliveries' roles ({@link DeliveryQueue}, {@link DeliveryClaims},
 * {@link DeliveryOutcomes}, {@link DeliveryParking}, {@link DeliveryBacklogQuery}) in one: what an adapter that keeps
 * the deliveries in one store (a table, a topic and its state) implements in its test, as
 * {@code class MyDeliveryStoreContractTest implements DeliveryStoreContract}, with the {@link DeliveryStoreFixture}
 * methods wired to its store. The roles are read back through the {@code DeliveryLog} where a port has no read of its
 * own, so the store's log must work too ({@link DeliveryLogContract} checks it in full).
 */
public interface DeliveryStoreContract extends DeliveryQueueContract, DeliveryClaimsContract, DeliveryLeaseContract,
        DeliveryOutcomesContract, DeliveryParkingContract {
}
