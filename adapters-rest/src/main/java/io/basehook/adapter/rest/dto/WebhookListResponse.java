package io.basehook.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.basehook.domain.webhook.Webhook;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** {@code GET /bases/{baseId}/webhooks}: {@code {webhooks:[...]}}, secrets masked. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record WebhookListResponse(List<WebhookResponse> webhooks) {

    public static WebhookListResponse from(List<Webhook> webhooks) {
        return new WebhookListResponse(webhooks.stream().map(WebhookResponse::from).toList());
    }
}
