package io.basehook.application.port.in;

import io.basehook.domain.row.StoredEvent;

import java.util.List;

/**
 * Events of a base in {@code seq} order, and the base's highest {@code seq} at the time of reading. A page may end
 * early (at its byte budget): a reader goes on after the {@code seq} of its last event until it reaches {@code lastSeq}.
 */
public record ChangeFeed(List<StoredEvent> events, long lastSeq) {
    public ChangeFeed {
        events = List.copyOf(events);
    }
}
