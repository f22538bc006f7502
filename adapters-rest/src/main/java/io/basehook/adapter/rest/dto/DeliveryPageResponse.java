package io.basehook.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.basehook.application.port.in.DeliveryPage;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A page of a webhook's deliveries, newest first: {@code {deliveries, nextCursor}}, nextCursor null on the last page. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DeliveryPageResponse(List<DeliveryResponse> deliveries, String nextCursor) {

    public static DeliveryPageResponse from(DeliveryPage page) {
        return new DeliveryPageResponse(page.deliveries().stream().map(DeliveryResponse::from).toList(),
                page.nextCursor());
    }
}
