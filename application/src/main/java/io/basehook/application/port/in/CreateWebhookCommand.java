package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;

import java.util.Objects;

/** A new webhook: {@code secret} null to generate one, {@code enabled} null for true. */
public record CreateWebhookCommand(Actor actor, BaseId baseId, String url, String secret, String description,
                                   Boolean enabled) {
    public CreateWebhookCommand {
        Objects.requireNonNull(actor);
        Objects.requireNonNull(baseId);
    }
}
