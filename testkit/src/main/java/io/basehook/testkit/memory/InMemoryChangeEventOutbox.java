package io.basehook.testkit.memory;

import io.basehook.application.port.out.ChangeEventOutbox;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.shared.BasehookException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The events of an {@link InMemoryStore}, per base in {@code seq} order. A base's last {@code seq} is kept with it
 * and raised by each reservation, and a rollback lowers it again with the events it numbered, so numbers stay
 * gapless. A payload weighs its UTF-8 bytes, as a database counts them.
 */
public final class InMemoryChangeEventOutbox implements ChangeEventOutbox {

    private final InMemoryStore store;

    InMemoryChangeEventOutbox(InMemoryStore store) {
        this.store = store;
    }

    /** @throws BasehookException {@code base_not_found} for a base that does not exist */
    @Override
    public long reserveSeqs(BaseId baseId, int count) {
        return reserveSeqs(Map.of(baseId, count)).get(baseId);
    }

    /** All or nothing: a count below one, or a missing base, reserves nothing for any. */
    @Override
    public Map<BaseId, Long> reserveSeqs(Map<BaseId, Integer> counts) {
        counts.values().forEach(count -> {
            if (count < 1) {
                throw new IllegalArgumentException("reserve at least one seq");
            }
        });
        return store.locked(() -> {
            counts.keySet().forEach(baseId -> {
                if (!store.bases.containsKey(baseId)) {
                    throw BasehookException.notFound("base_not_found", "no base with id " + baseId);
                }
            });
            Map<BaseId, Long> first = new HashMap<>();
            counts.forEach((baseId, count) -> {
                long last = store.lastSeqs.getOrDefault(baseId, 0L);
                store.put(store.lastSeqs, baseId, last + count);
                first.put(baseId, last + 1);
            });
            return first;
        });
    }

    /** @throws IllegalStateException as a key would: a base is missing, or one of its seqs is taken */
    @Override
    public void append(List<StoredEvent> events) {
        store.locked(() -> {
            for (StoredEvent event : events) {
                if (!store.bases.containsKey(event.baseId())) {
                    throw new IllegalStateException("no base " + event.baseId() + " for the event");
                }
                NavigableMap<Long, StoredEvent> stored = store.events.get(event.baseId());
                if (stored != null && stored.containsKey(event.seq())) {
                    throw new IllegalStateException("event " + event.seq() + " of " + event.baseId() + " exists");
                }
            }
            for (StoredEvent event : events) {
                store.put(store.events.computeIfAbsent(event.baseId(), id -> new TreeMap<>()), event.seq(), event);
            }
        });
    }

    @Override
    public List<StoredEvent> readAfter(BaseId baseId, long afterSeq, int limit, long maxBytes) {
        if (limit < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("limit and maxBytes must be positive");
        }
        return store.locked(() -> {
            List<StoredEvent> read = new ArrayList<>();
            NavigableMap<Long, StoredEvent> stored = store.events.get(baseId);
            if (stored == null) {
                return read;
            }
            long bytesBefore = 0;
            for (StoredEvent event : stored.tailMap(afterSeq, false).values()) {
                if (read.size() == limit || bytesBefore >= maxBytes) {
                    break;
                }
                read.add(event);
                bytesBefore += event.payload().getBytes(StandardCharsets.UTF_8).length;
            }
            return read;
        });
    }

    @Override
    public long lastSeq(BaseId baseId) {
        return store.locked(() -> store.lastSeqs.getOrDefault(baseId, 0L));
    }
}
