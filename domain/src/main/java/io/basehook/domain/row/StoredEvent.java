package io.basehook.domain.row;

import io.basehook.domain.base.BaseId;

import java.time.Instant;
import java.util.Objects;

/**
 * A change event as committed: its per-base {@code seq} and its payload, the exact JSON bytes every
 * webhook receives (serialised once, at commit).
 */
public record StoredEvent(BaseId baseId, long seq, EventId id, OpType type, Instant occurredAt, String payload) {
    public StoredEvent {
        Objects.requireNonNull(baseId);
        Objects.requireNonNull(id);
        Objects.requireNonNull(type);
        Objects.requireNonNull(occurredAt);
        Objects.requireNonNull(payload);
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1");
        }
    }
}
