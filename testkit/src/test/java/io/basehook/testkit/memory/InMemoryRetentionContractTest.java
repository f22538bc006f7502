package io.basehook.testkit.memory;

import io.basehook.application.port.out.ChangeEventOutbox;
import io.basehook.application.port.out.RetentionStore;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.EventId;
import io.basehook.domain.row.OpType;
import io.basehook.domain.row.StoredEvent;
import io.basehook.testkit.contract.RetentionStoreContract;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link InMemoryRetention} keeps the retention contract over the store's events and deliveries. */
class InMemoryRetentionContractTest extends InMemoryDeliveryFixture implements RetentionStoreContract {

    @Override
    public RetentionStore retention() {
        return store.retention();
    }

    @Override
    public ChangeEventOutbox outbox() {
        return outbox;
    }

    @Override
    public List<StoredEvent> appendEventsAt(BaseId baseId, Instant at, int count) {
        long first = outbox.reserveSeqs(baseId, count);
        List<StoredEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new StoredEvent(baseId, first + i, EventId.at(at), OpType.INSERT_ROW, at, "{}"));
        }
        outbox.append(events);
        return events;
    }
}
