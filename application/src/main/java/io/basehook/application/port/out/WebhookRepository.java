package io.basehook.application.port.out;

import io.basehook.domain.base.BaseId;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public interface WebhookRepository {

    void insert(Webhook webhook);

    /** Saves url, description, enabled, secrets and health ({@code failingSince}). */
    void update(Webhook webhook);

    Optional<Webhook> findById(BaseId baseId, WebhookId id);

    /**
     * Loads the webhook and locks its row until the transaction ends, so a change made from it cannot undo
     * what the delivery loop recorded meanwhile (health, auto-disable).
     */
    Optional<Webhook> lockById(BaseId baseId, WebhookId id);

    /** The base's webhooks in the order they were created. */
    List<Webhook> findByBase(BaseId baseId);

    /** Webhooks by id, whatever their base (the delivery loop's view); missing ones are left out. */
    Map<WebhookId, Webhook> findByIds(Collection<WebhookId> ids);

    /** Deletes the webhook and its deliveries. @return whether it existed */
    boolean delete(BaseId baseId, WebhookId id);
}
