package io.basehook.application.port.out;

import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.ChangeEvent;
import io.basehook.domain.row.EventId;
import io.basehook.domain.webhook.WebhookId;

import java.time.Instant;

/** Renders an event as the JSON body webhooks receive; done once per event, at commit. */
public interface EventPayloadEncoder {

    String encode(ChangeEvent event, long seq);

    /** The body of a {@code ping}, sent only by the test endpoint. */
    String encodePing(BaseId baseId, WebhookId webhookId, EventId eventId, Instant at);
}
