package io.basehook.adapter.persistence;

import io.basehook.application.port.out.ChangeEventOutbox;
import io.basehook.application.port.out.RetentionStore;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.EventId;
import io.basehook.domain.row.OpType;
import io.basehook.domain.row.StoredEvent;
import io.basehook.testkit.contract.RetentionStoreContract;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link JdbcRetention} keeps the retention contract on the delivery contracts' database fixture. */
@MicronautTest(transactional = false)
class JdbcRetentionContractTest extends JdbcDeliveryFixture implements RetentionStoreContract {

    @Inject
    RetentionStore retention;

    @Override
    public RetentionStore retention() {
        return retention;
    }

    @Override
    public ChangeEventOutbox outbox() {
        return outbox;
    }

    @Override
    public List<StoredEvent> appendEventsAt(BaseId baseId, Instant at, int count) {
        return transactions.inTransaction(() -> {
            bases.lockById(baseId).orElseThrow();
            long first = outbox.reserveSeqs(baseId, count);
            List<StoredEvent> events = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                events.add(new StoredEvent(baseId, first + i, EventId.at(at), OpType.INSERT_ROW, at, "{}"));
            }
            outbox.append(events);
            return events;
        });
    }
}
