package io.basehook.application.port.out;

import io.basehook.domain.base.BaseId;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A base's webhooks. Every change ({@link #insert}, {@link #update}, {@link #delete}) runs in a transaction that has
 * locked the base first ({@link BaseRepository#lockById}), as content writes do: so an adapter may let a write that
 * holds the lock read the base's webhooks as they were at its last change.
 */
public interface WebhookRepository {

    /** With the base locked. */
    void insert(Webhook webhook);

    /** Saves url, description, enabled, secrets and health ({@code failingSince}); with the base locked. */
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

    /** Deletes the webhook and its deliveries, with the base locked. @return whether it existed */
    boolean delete(BaseId baseId, WebhookId id);
}
