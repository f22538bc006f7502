package io.basehook.testkit.memory;

import io.basehook.application.port.out.ChangeEventOutbox;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.StoredEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The least {@link ChangeEventOutbox} that {@link InMemoryDeliveries} needs in these tests: each base's events in
 * {@code seq} order. It stands in for the store's in-memory outbox, which replaces it once both are on one branch.
 */
final class Kits2Outbox implements ChangeEventOutbox {

    private final Map<BaseId, List<StoredEvent>> events = new HashMap<>();
    private final Map<BaseId, Long> lastSeqs = new HashMap<>();

    @Override
    public synchronized long reserveSeqs(BaseId baseId, int count) {
        long first = lastSeqs.getOrDefault(baseId, 0L) + 1;
        lastSeqs.put(baseId, first + count - 1);
        return first;
    }

    @Override
    public synchronized Map<BaseId, Long> reserveSeqs(Map<BaseId, Integer> counts) {
        Map<BaseId, Long> firsts = new HashMap<>();
        counts.forEach((baseId, count) -> firsts.put(baseId, reserveSeqs(baseId, count)));
        return firsts;
    }

    @Override
    public synchronized void append(List<StoredEvent> appended) {
        appended.forEach(event -> events.computeIfAbsent(event.baseId(), id -> new ArrayList<>()).add(event));
    }

    @Override
    public synchronized List<StoredEvent> readAfter(BaseId baseId, long afterSeq, int limit, long maxBytes) {
        List<StoredEvent> read = new ArrayList<>();
        long bytes = 0;
        for (StoredEvent event : events.getOrDefault(baseId, List.of())) {
            if (event.seq() <= afterSeq) {
                continue;
            }
            if (read.size() == limit || (!read.isEmpty() && bytes > maxBytes)) {
                break;
            }
            read.add(event);
            bytes += event.payload().length();
        }
        return read;
    }

    @Override
    public synchronized long lastSeq(BaseId baseId) {
        return lastSeqs.getOrDefault(baseId, 0L);
    }
}
