package io.basehook.adapter.rest.dto;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times on the wire: ISO 8601 UTC always with milliseconds, which {@link Instant#toString()} drops when zero. */
public final class IsoTimes {

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private IsoTimes() {
    }

    public static String format(Instant time) {
        return MILLIS.format(time);
    }

    /** For times that may not exist yet, such as a webhook's {@code failingSince}: null stays null on the wire. */
    public static String formatOrNull(Instant time) {
        return time == null ? null : format(time);
    }
}
