package io.basehook.adapter.rest.dto;

import io.basehook.application.port.in.UpdateWebhookCommand;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.webhook.WebhookId;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;
import java.util.Set;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;

/**
 * {@code PATCH /bases/{baseId}/webhooks/{id}}: {@code {url?, description?, enabled?}}; what is absent or null stays
 * as it is, {@code enabled: true} revives an auto-disabled webhook, and the secret changes only by rotation.
 * Read with {@link ExactJson} so {@code enabled} must be a real boolean.
 */
public record UpdateWebhookRequest(@Schema(requiredMode = NOT_REQUIRED) String url,
                                   @Schema(requiredMode = NOT_REQUIRED) String description,
                                   @Schema(requiredMode = NOT_REQUIRED) Boolean enabled) {

    private static final Set<String> MEMBERS = Set.of("url", "description", "enabled");

    public static UpdateWebhookRequest read(byte[] body) {
        Map<String, Object> root = RequestFields.jsonObject(body, MEMBERS);
        return new UpdateWebhookRequest(RequestFields.optionalString(root.get("url"), "url"),
                RequestFields.optionalString(root.get("description"), "description"),
                RequestFields.optionalBoolean(root.get("enabled"), "enabled"));
    }

    public UpdateWebhookCommand toCommand(Actor actor, BaseId baseId, WebhookId webhookId) {
        return new UpdateWebhookCommand(actor, baseId, webhookId, url, description, enabled);
    }
}
