package io.basehook.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.basehook.domain.webhook.WebhookSecret;
import io.micronaut.serde.annotation.Serdeable;

/** {@code POST .../rotate-secret}: {@code {secret}}, the new secret in full, shown this once. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record WebhookSecretResponse(String secret) {

    public static WebhookSecretResponse from(WebhookSecret secret) {
        return new WebhookSecretResponse(secret.reveal());
    }
}
