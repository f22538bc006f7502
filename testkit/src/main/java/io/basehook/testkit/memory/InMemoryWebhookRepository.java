package io.basehook.testkit.memory;

import io.basehook.application.port.out.WebhookRepository;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The webhooks of an {@link InMemoryStore}, in the order they were created. Each is stored and read back as a copy,
 * so changing a webhook object changes nothing stored until it is {@linkplain #update updated}. Deleting one hands its
 * id to the {@linkplain #onDelete listener}, which deletes its deliveries; the store wires its own
 * {@link InMemoryDeliveries} there.
 */
public final class InMemoryWebhookRepository implements WebhookRepository {

    private final InMemoryStore store;
    private volatile Consumer<WebhookId> onDelete = id -> { };

    InMemoryWebhookRepository(InMemoryStore store) {
        this.store = store;
    }

    /** What runs, with the store locked, for every webhook deleted (also with its base): deletes its deliveries. */
    public void onDelete(Consumer<WebhookId> listener) {
        this.onDelete = Objects.requireNonNull(listener);
    }

    /** @throws IllegalStateException as a key would: its base is missing, or its id is taken */
    @Override
    public void insert(Webhook webhook) {
        store.locked(() -> {
            if (!store.bases.containsKey(webhook.baseId())) {
                throw new IllegalStateException("no base " + webhook.baseId() + " for the webhook");
            }
            if (store.webhookPks.containsKey(webhook.id())) {
                throw new IllegalStateException("webhook " + webhook.id() + " exists already");
            }
            long pk = store.nextPk();
            store.put(store.webhooks, pk, copy(webhook));
            store.put(store.webhookPks, webhook.id(), pk);
        });
    }

    /** Only the webhook of that base and id changes; everything but its id, base and creation time is saved. */
    @Override
    public void update(Webhook webhook) {
        store.locked(() -> {
            Long pk = store.webhookPks.get(webhook.id());
            Webhook stored = pk == null ? null : store.webhooks.get(pk);
            if (stored != null && stored.baseId().equals(webhook.baseId())) {
                store.put(store.webhooks, pk, Webhook.restore(stored.id(), stored.baseId(), webhook.url(),
                        webhook.description(), webhook.enabled(), webhook.autoDisabled(), webhook.secret(),
                        webhook.previousSecret(), webhook.previousSecretExpiresAt(), webhook.failingSince(),
                        stored.createdAt(), webhook.updatedAt()));
            }
        });
    }

    @Override
    public Optional<Webhook> findById(BaseId baseId, WebhookId id) {
        return store.locked(() -> stored(id).filter(webhook -> webhook.baseId().equals(baseId))
                .map(InMemoryWebhookRepository::copy));
    }

    /** Within a transaction the whole store is locked already. */
    @Override
    public Optional<Webhook> lockById(BaseId baseId, WebhookId id) {
        return findById(baseId, id);
    }

    @Override
    public List<Webhook> findByBase(BaseId baseId) {
        return store.locked(() -> store.webhooks.values().stream().filter(webhook -> webhook.baseId().equals(baseId))
                .map(InMemoryWebhookRepository::copy).toList());
    }

    @Override
    public Map<WebhookId, Webhook> findByIds(Collection<WebhookId> ids) {
        return store.locked(() -> {
            Map<WebhookId, Webhook> found = new LinkedHashMap<>();
            ids.forEach(id -> stored(id).ifPresent(webhook -> found.put(id, copy(webhook))));
            return found;
        });
    }

    @Override
    public boolean delete(BaseId baseId, WebhookId id) {
        return store.locked(() -> {
            if (stored(id).filter(webhook -> webhook.baseId().equals(baseId)).isEmpty()) {
                return false;
            }
            deleteStored(id);
            return true;
        });
    }

    /** Deletes the webhook and its deliveries; with the store locked. */
    void deleteStored(WebhookId id) {
        store.remove(store.webhooks, store.remove(store.webhookPks, id));
        onDelete.accept(id);
    }

    private Optional<Webhook> stored(WebhookId id) {
        Long pk = store.webhookPks.get(id);
        return pk == null ? Optional.empty() : Optional.of(store.webhooks.get(pk));
    }

    static Webhook copy(Webhook webhook) {
        return Webhook.restore(webhook.id(), webhook.baseId(), webhook.url(), webhook.description(), webhook.enabled(),
                webhook.autoDisabled(), webhook.secret(), webhook.previousSecret(), webhook.previousSecretExpiresAt(),
                webhook.failingSince(), webhook.createdAt(), webhook.updatedAt());
    }
}
