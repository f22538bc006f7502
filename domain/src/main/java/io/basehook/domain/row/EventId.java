package io.basehook.domain.row;

import io.basehook.domain.shared.IdFormat;
import io.basehook.domain.shared.RandomIds;

import java.time.Instant;
import java.util.Objects;

/** An event's id: {@code evt_} and a ULID. The same on every attempt and redelivery ({@code webhook-id}). */
public record EventId(String value) {

    // a ULID's first char holds the top 3 of 48 time bits, hence 0-7
    private static final IdFormat FORMAT = IdFormat.of("evt_", IdFormat.CROCKFORD, 26).firstFrom("01234567");

    public EventId {
        Objects.requireNonNull(value);
        if (!FORMAT.matches(value)) {
            throw new IllegalArgumentException("an event id is evt_ and a ULID: " + value);
        }
    }

    public static EventId at(Instant time) {
        return new EventId("evt_" + RandomIds.ulid(time.toEpochMilli()));
    }

    @Override
    public String toString() {
        return value;
    }
}
