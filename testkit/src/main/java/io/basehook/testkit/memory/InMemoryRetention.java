package io.basehook.testkit.memory;

import io.basehook.application.port.out.RetentionStore;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.StoredEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Retention over an {@link InMemoryStore} and its deliveries, oldest first, a batch at a time (each batch takes the
 * store's lock on its own) until a batch comes back short. An event goes with its closed deliveries, as a foreign key
 * takes them, unless an open delivery still needs it.
 */
public final class InMemoryRetention implements RetentionStore {

    private final InMemoryStore store;
    private final InMemoryDeliveries deliveries;

    InMemoryRetention(InMemoryStore store, InMemoryDeliveries deliveries) {
        this.store = store;
        this.deliveries = deliveries;
    }

    @Override
    public int purgeEvents(Instant olderThan, int batchSize) {
        requirePositive(batchSize);
        int total = 0;
        int deleted;
        do {
            deleted = store.locked(() -> purgeEventBatch(olderThan, batchSize));
            total += deleted;
        } while (deleted == batchSize);
        return total;
    }

    private int purgeEventBatch(Instant olderThan, int batchSize) {
        List<StoredEvent> old = new ArrayList<>();
        for (NavigableMap<Long, StoredEvent> events : store.events.values()) {
            events.values().stream().filter(event -> event.occurredAt().isBefore(olderThan)).forEach(old::add);
        }
        old.sort(Comparator.comparing(StoredEvent::occurredAt).thenComparing(event -> event.baseId().value())
                .thenComparingLong(StoredEvent::seq));
        int deleted = 0;
        for (StoredEvent event : old) {
            if (deleted == batchSize) {
                break;
            }
            if (deliveries.dropEvent(event.baseId(), event.seq())) {
                store.remove(eventsOf(event.baseId()), event.seq());
                deleted++;
            }
        }
        return deleted;
    }

    private Map<Long, StoredEvent> eventsOf(BaseId baseId) {
        return store.events.get(baseId);
    }

    @Override
    public int purgeDeliveryLogs(Instant olderThan, int batchSize) {
        requirePositive(batchSize);
        int total = 0;
        int deleted;
        do {
            deleted = deliveries.purgeClosed(olderThan, batchSize);
            total += deleted;
        } while (deleted == batchSize);
        return total;
    }

    private static void requirePositive(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
    }
}
