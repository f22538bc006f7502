package io.basehook.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.basehook.domain.webhook.Webhook;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A webhook: {@code {id, url, description, enabled, autoDisabled, secret, createdAt, updatedAt, failingSince}};
 * the secret masked except in the answer that creates it, {@code failingSince} null while the endpoint answers 2xx.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record WebhookResponse(String id, String url, String description, boolean enabled, boolean autoDisabled,
                              String secret, String createdAt, String updatedAt, String failingSince) {

    /** The webhook as shown on every read and change: {@code whsec_Ab12…}. */
    public static WebhookResponse from(Webhook webhook) {
        return of(webhook, webhook.secret().masked());
    }

    /** The webhook just created, with its secret in full: the only time it is shown. */
    public static WebhookResponse created(Webhook webhook) {
        return of(webhook, webhook.secret().reveal());
    }

    private static WebhookResponse of(Webhook webhook, String secret) {
        return new WebhookResponse(webhook.id().value(), webhook.url().value(), webhook.description(),
                webhook.enabled(), webhook.autoDisabled(), secret, IsoTimes.format(webhook.createdAt()),
                IsoTimes.format(webhook.updatedAt()), IsoTimes.formatOrNull(webhook.failingSince()));
    }
}
