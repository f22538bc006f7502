package io.basehook.testkit.contract;

import io.basehook.application.port.out.ApiTokenRepository;
import io.basehook.domain.access.Permission;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.token.ApiToken;
import io.basehook.domain.token.ApiTokenId;
import io.basehook.domain.token.TokenHash;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ApiTokenRepository}: a token is found by the hash of its secret and by no other; a base's tokens list in
 * creation order (by {@code createdAt}, not by insertion); and only the token's own base deletes it, once.
 */
public interface ApiTokenRepositoryContract extends StoreFixture {

    @Test
    default void aTokenIsFoundByTheHashOfItsSecretOnly() {
        BaseId base = newBase().id();
        ApiToken.Issued issued = ApiToken.issue(base, "ci-bot ✓", Permission.READ_ONLY, T0);

        tokens().insert(issued.token());

        ApiToken found = tokens().findByHash(TokenHash.of(issued.secret())).orElseThrow();
        assertEquals(issued.token().id(), found.id());
        assertEquals(base, found.baseId());
        assertEquals("ci-bot ✓", found.name());
        assertEquals(Permission.READ_ONLY, found.permission());
        assertEquals(issued.token().hash(), found.hash());
        assertEquals(T0, found.createdAt());
        assertTrue(tokens().findByHash(TokenHash.of(issued.secret() + "x")).isEmpty());
    }

    @Test
    default void aBasesTokensListInCreationOrder() {
        BaseId base = newBase().id();
        ApiToken second = ApiToken.issue(base, "second", Permission.READ_WRITE,
                Instant.parse("2026-01-02T00:00:00Z")).token();
        ApiToken first = ApiToken.issue(base, "first", Permission.READ_WRITE,
                Instant.parse("2026-01-01T00:00:00Z")).token();
        tokens().insert(second);
        tokens().insert(first);
        tokens().insert(ApiToken.issue(newBase().id(), "elsewhere", Permission.READ_WRITE, T0).token());

        List<ApiTokenId> ids = tokens().findByBase(base).stream().map(ApiToken::id).toList();

        assertEquals(List.of(first.id(), second.id()), ids);
        assertTrue(tokens().findByBase(newBase().id()).isEmpty());
    }

    @Test
    default void onlyItsOwnBaseDeletesATokenAndOnlyOnce() {
        BaseId base = newBase().id();
        BaseId other = newBase().id();
        ApiToken token = ApiToken.issue(base, "ci", Permission.READ_WRITE, T0).token();
        ApiToken kept = ApiToken.issue(base, "kept", Permission.READ_WRITE, T0).token();
        tokens().insert(token);
        tokens().insert(kept);

        assertFalse(tokens().delete(other, token.id()));
        assertTrue(tokens().findByHash(token.hash()).isPresent());
        assertTrue(tokens().delete(base, token.id()));
        assertFalse(tokens().delete(base, token.id()));

        assertTrue(tokens().findByHash(token.hash()).isEmpty());
        assertEquals(List.of(kept.id()), tokens().findByBase(base).stream().map(ApiToken::id).toList());
    }
}
