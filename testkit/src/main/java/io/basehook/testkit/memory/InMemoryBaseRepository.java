package io.basehook.testkit.memory;

import io.basehook.application.port.out.BaseRepository;
import io.basehook.domain.base.Base;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.webhook.Webhook;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The bases of an {@link InMemoryStore}. A transaction of the store holds all of it, so locking a base is reading it:
 * {@link #lockAvailable} leaves out only the bases that do not exist.
 */
public final class InMemoryBaseRepository implements BaseRepository {

    private static final Comparator<Base> CREATION_ORDER = Comparator.comparing(Base::createdAt)
            .thenComparing(base -> base.id().value());

    private final InMemoryStore store;

    InMemoryBaseRepository(InMemoryStore store) {
        this.store = store;
    }

    /** @throws IllegalStateException as a key would: its id is taken */
    @Override
    public void insert(Base base) {
        store.locked(() -> {
            if (store.bases.containsKey(base.id())) {
                throw new IllegalStateException("base " + base.id() + " exists already");
            }
            store.put(store.bases, base.id(), base);
        });
    }

    @Override
    public Optional<Base> findById(BaseId id) {
        return store.locked(() -> Optional.ofNullable(store.bases.get(id)));
    }

    @Override
    public void update(Base base) {
        store.locked(() -> {
            if (store.bases.containsKey(base.id())) {
                store.put(store.bases, base.id(), base);
            }
        });
    }

    @Override
    public Optional<Base> lockById(BaseId id) {
        return findById(id);
    }

    @Override
    public List<BaseId> lockAvailable(Collection<BaseId> ids) {
        return store.locked(() -> ids.stream().distinct().filter(store.bases::containsKey)
                .sorted(Comparator.comparing(BaseId::value)).toList());
    }

    /** Oldest first; bases created at the same time in id order. */
    @Override
    public List<Base> findAll() {
        return store.locked(() -> store.bases.values().stream().sorted(CREATION_ORDER).toList());
    }

    /** Everything of the base goes with it: tables, rows, events, tokens, webhooks and their deliveries. */
    @Override
    public void delete(BaseId id) {
        store.locked(() -> {
            if (store.remove(store.bases, id) == null) {
                return;
            }
            store.remove(store.lastSeqs, id);
            store.remove(store.events, id);
            store.tables.values().stream().filter(table -> table.baseId().equals(id)).map(table -> table.id())
                    .toList().forEach(tableId -> InMemoryTableRepository.deleteStored(store, id, tableId));
            store.tokens.values().stream().filter(token -> token.baseId().equals(id)).toList()
                    .forEach(token -> InMemoryApiTokenRepository.deleteStored(store, token));
            InMemoryWebhookRepository webhooks = (InMemoryWebhookRepository) store.webhooks();
            store.webhooks.values().stream().filter(webhook -> webhook.baseId().equals(id)).map(Webhook::id).toList()
                    .forEach(webhooks::deleteStored);
        });
    }
}
