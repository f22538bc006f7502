package io.basehook.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.basehook.domain.delivery.Delivery;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** {@code GET .../deliveries/{deliveryId}}: a delivery as in the list, plus {@code attemptLog}, oldest attempt first. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DeliveryDetailResponse(String id, String eventId, String eventType, long seq, String status,
                                     int attempts, String createdAt, String nextAttemptAt,
                                     List<AttemptResponse> attemptLog) {

    public static DeliveryDetailResponse from(Delivery delivery) {
        DeliveryResponse shown = DeliveryResponse.from(delivery);
        return new DeliveryDetailResponse(shown.id(), shown.eventId(), shown.eventType(), shown.seq(), shown.status(),
                shown.attempts(), shown.createdAt(), shown.nextAttemptAt(),
                delivery.attemptLog().stream().map(AttemptResponse::from).toList());
    }
}
