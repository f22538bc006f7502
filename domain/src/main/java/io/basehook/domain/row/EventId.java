package io.basehook.domain.row;

import io.basehook.domain.shared.RandomIds;

import java.time.Instant;
import java.util.Objects;

/** An event's id: {@code evt_} and a ULID. The same on every attempt and redelivery ({@code webhook-id}). */
public record EventId(String value) {

    public EventId {
        Objects.requireNonNull(value);
    }

    public static EventId at(Instant time) {
        return new EventId("evt_" + RandomIds.ulid(time.toEpochMilli()));
    }

    @Override
    public String toString() {
        return value;
    }
}
