package io.basehook.adapter.rest;

import io.basehook.adapter.rest.dto.DeliveryDetailResponse;
import io.basehook.adapter.rest.dto.DeliveryPageResponse;
import io.basehook.application.port.in.GetDeliveryUseCase;
import io.basehook.application.port.in.ListDeliveriesUseCase;
import io.basehook.application.port.in.RedeliverUseCase;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.delivery.DeliveryStatus;
import io.basehook.domain.webhook.WebhookId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

/** A webhook's delivery log: list (optionally of one status), one delivery with every attempt, redeliver by hand. */
@ProblemAnswers
@Controller("/api/v1/bases/{baseId}/webhooks/{webhookId}/deliveries")
@ExecuteOn(TaskExecutors.BLOCKING)
public class DeliveryController {

    private final ListDeliveriesUseCase listDeliveries;
    private final GetDeliveryUseCase getDelivery;
    private final RedeliverUseCase redeliver;

    public DeliveryController(ListDeliveriesUseCase listDeliveries, GetDeliveryUseCase getDelivery,
                              RedeliverUseCase redeliver) {
        this.listDeliveries = listDeliveries;
        this.getDelivery = getDelivery;
        this.redeliver = redeliver;
    }

    @Operation(operationId = "listDeliveries", summary = "List a webhook's deliveries, newest first")
    @Get
    public DeliveryPageResponse list(@Parameter(hidden = true) Actor actor, String baseId, String webhookId,
                                     @Nullable @QueryValue String status, @Nullable @QueryValue String cursor,
                                     @Parameter(description = "at most this many per page", required = false)
                                     @QueryValue(defaultValue = "100") int limit) {
        BaseId base = new BaseId(baseId);
        WebhookId webhook = new WebhookId(webhookId);
        // an empty status=, as a URL template leaves it, means no filter rather than an unknown status
        DeliveryStatus wanted = status == null || status.isEmpty() ? null : DeliveryStatus.fromWireName(status, "status");
        return DeliveryPageResponse.from(listDeliveries.listDeliveries(actor, base, webhook, wanted, cursor, limit));
    }

    @Operation(operationId = "getDelivery", summary = "Read a delivery with its attempts")
    @Get("/{deliveryId}")
    public DeliveryDetailResponse get(@Parameter(hidden = true) Actor actor, String baseId, String webhookId,
                                      String deliveryId) {
        return DeliveryDetailResponse.from(getDelivery.getDelivery(actor, new BaseId(baseId), new WebhookId(webhookId),
                DeliveryId.parse(deliveryId)));
    }

    // 202 and no body, as Svix answers a resend: the attempt happens later, on the delivery loop
    @Operation(operationId = "redeliver", summary = "Send a delivery again")
    @Post("/{deliveryId}/redeliver")
    @Status(HttpStatus.ACCEPTED)
    public void redeliver(@Parameter(hidden = true) Actor actor, String baseId, String webhookId, String deliveryId) {
        redeliver.redeliver(actor, new BaseId(baseId), new WebhookId(webhookId), DeliveryId.parse(deliveryId));
    }
}
