package io.basehook.testkit.memory;

import io.basehook.application.port.out.WebhookRepository;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The least {@link WebhookRepository} that {@link InMemoryDeliveries} needs in these tests: webhooks in a map, in
 * the order they were created, stored as copies so a test's own object is never the stored one. It stands in for
 * the store's in-memory webhook repository, which replaces it once both are on one branch.
 */
final class Kits2Webhooks implements WebhookRepository {

    private final Map<WebhookId, Webhook> webhooks = new LinkedHashMap<>();

    @Override
    public synchronized void insert(Webhook webhook) {
        webhooks.put(webhook.id(), copy(webhook));
    }

    @Override
    public synchronized void update(Webhook webhook) {
        webhooks.replace(webhook.id(), copy(webhook));
    }

    @Override
    public synchronized Optional<Webhook> findById(BaseId baseId, WebhookId id) {
        return Optional.ofNullable(webhooks.get(id)).filter(webhook -> webhook.baseId().equals(baseId))
                .map(Kits2Webhooks::copy);
    }

    @Override
    public Optional<Webhook> lockById(BaseId baseId, WebhookId id) {
        return findById(baseId, id);
    }

    @Override
    public synchronized List<Webhook> findByBase(BaseId baseId) {
        return webhooks.values().stream().filter(webhook -> webhook.baseId().equals(baseId)).map(Kits2Webhooks::copy)
                .toList();
    }

    @Override
    public synchronized Map<WebhookId, Webhook> findByIds(Collection<WebhookId> ids) {
        Map<WebhookId, Webhook> found = new HashMap<>();
        ids.stream().filter(webhooks::containsKey).forEach(id -> found.put(id, copy(webhooks.get(id))));
        return found;
    }

    @Override
    public synchronized boolean delete(BaseId baseId, WebhookId id) {
        return findById(baseId, id).isPresent() && webhooks.remove(id) != null;
    }

    private static Webhook copy(Webhook webhook) {
        return Webhook.restore(webhook.id(), webhook.baseId(), webhook.url(), webhook.description(), webhook.enabled(),
                webhook.autoDisabled(), webhook.secret(), webhook.previousSecret(), webhook.previousSecretExpiresAt(),
                webhook.failingSince(), webhook.createdAt(), webhook.updatedAt());
    }
}
