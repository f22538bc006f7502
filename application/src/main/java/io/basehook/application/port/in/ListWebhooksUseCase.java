package io.basehook.application.port.in;

import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.webhook.Webhook;
import java.util.List;

/** A base's webhooks. */
public interface ListWebhooksUseCase {

    List<Webhook> listWebhooks(Actor actor, BaseId baseId);
}
