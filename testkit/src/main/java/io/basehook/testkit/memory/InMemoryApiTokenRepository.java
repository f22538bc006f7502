package io.basehook.testkit.memory;

import io.basehook.application.port.out.ApiTokenRepository;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.token.ApiToken;
import io.basehook.domain.token.ApiTokenId;
import io.basehook.domain.token.TokenHash;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The API tokens of an {@link InMemoryStore}, found by the hash of their secret. */
public final class InMemoryApiTokenRepository implements ApiTokenRepository {

    private static final Comparator<ApiToken> CREATION_ORDER = Comparator.comparing(ApiToken::createdAt)
            .thenComparing(token -> token.id().value());

    private final InMemoryStore store;

    InMemoryApiTokenRepository(InMemoryStore store) {
        this.store = store;
    }

    /** @throws IllegalStateException as a key would: its base is missing, or its id or hash is taken */
    @Override
    public void insert(ApiToken token) {
        store.locked(() -> {
            if (!store.bases.containsKey(token.baseId())) {
                throw new IllegalStateException("no base " + token.baseId() + " for the token");
            }
            if (store.tokens.containsKey(token.id()) || store.tokensByHash.containsKey(token.hash())) {
                throw new IllegalStateException("token " + token.id() + " or its hash exists already");
            }
            store.put(store.tokens, token.id(), token);
            store.put(store.tokensByHash, token.hash(), token.id());
        });
    }

    @Override
    public Optional<ApiToken> findByHash(TokenHash hash) {
        return store.locked(() -> Optional.ofNullable(store.tokensByHash.get(hash)).map(store.tokens::get));
    }

    /** Oldest first; tokens created at the same time in id order. */
    @Override
    public List<ApiToken> findByBase(BaseId baseId) {
        return store.locked(() -> store.tokens.values().stream().filter(token -> token.baseId().equals(baseId))
                .sorted(CREATION_ORDER).toList());
    }

    @Override
    public boolean delete(BaseId baseId, ApiTokenId id) {
        return store.locked(() -> {
            ApiToken token = store.tokens.get(id);
            if (token == null || !token.baseId().equals(baseId)) {
                return false;
            }
            deleteStored(store, token);
            return true;
        });
    }

    /** With the store locked. */
    static void deleteStored(InMemoryStore store, ApiToken token) {
        store.remove(store.tokens, token.id());
        store.remove(store.tokensByHash, token.hash());
    }
}
