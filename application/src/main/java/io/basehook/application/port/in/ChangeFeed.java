package io.basehook.application.port.in;

import io.basehook.domain.row.StoredEvent;

import java.util.List;

/**
 * Events of a base in {@code seq} order, the base's highest {@code seq} at the time of reading, and the {@code seq}
 * to read after for the next page: the last event's, or the one asked after when the page is empty. A page may end
 * early (at its byte budget): a reader goes on after {@code nextAfter} until it reaches {@code lastSeq}.
 */
public record ChangeFeed(List<StoredEvent> events, long lastSeq, long nextAfter) {
    public ChangeFeed {
        events = List.copyOf(events);
    }

    /** The page read after {@code afterSeq}, with its {@code nextAfter} taken from its events. */
    public static ChangeFeed after(long afterSeq, List<StoredEvent> events, long lastSeq) {
        long nextAfter = events.isEmpty() ? afterSeq : events.get(events.size() - 1).seq();
        return new ChangeFeed(events, lastSeq, nextAfter);
    }
}
