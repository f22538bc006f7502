package io.basehook.adapter.rest.dto;

import io.basehook.application.port.in.CreateWebhookCommand;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;
import java.util.Set;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;

/**
 * {@code POST /bases/{baseId}/webhooks}: {@code {url, secret?, description?, enabled?}}; no secret means a generated
 * one. Read with {@link ExactJson}, since serde would take {@code "yes"} or {@code 1} for {@code enabled}.
 */
public record CreateWebhookRequest(String url, @Schema(requiredMode = NOT_REQUIRED) String secret,
                                   @Schema(requiredMode = NOT_REQUIRED) String description,
                                   @Schema(requiredMode = NOT_REQUIRED) Boolean enabled) {

    private static final Set<String> MEMBERS = Set.of("url", "secret", "description", "enabled");

    public static CreateWebhookRequest read(byte[] body) {
        Map<String, Object> root = RequestFields.jsonObject(body, MEMBERS);
        return new CreateWebhookRequest(RequestFields.string(RequestFields.required(root.get("url"), "url"), "url"),
                RequestFields.optionalString(root.get("secret"), "secret"),
                RequestFields.optionalString(root.get("description"), "description"),
                RequestFields.optionalBoolean(root.get("enabled"), "enabled"));
    }

    public CreateWebhookCommand toCommand(Actor actor, BaseId baseId) {
        return new CreateWebhookCommand(actor, baseId, url, secret, description, enabled);
    }
}
