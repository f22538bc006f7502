package io.basehook.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.basehook.domain.delivery.Delivery;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A delivery in the list, without its attempts: {@code {id, eventId, eventType, seq, status, attempts, createdAt,
 * nextAttemptAt}}; {@code nextAttemptAt} null when nothing more is scheduled.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DeliveryResponse(String id, String eventId, String eventType, long seq, String status, int attempts,
                               String createdAt, String nextAttemptAt) {

    public static DeliveryResponse from(Delivery delivery) {
        return new DeliveryResponse(delivery.id().toString(), delivery.eventId().value(), delivery.eventType(),
                delivery.seq(), delivery.status().wireName(), delivery.attempts(), IsoTimes.format(delivery.createdAt()),
                IsoTimes.formatOrNull(delivery.nextAttemptAt()));
    }
}
