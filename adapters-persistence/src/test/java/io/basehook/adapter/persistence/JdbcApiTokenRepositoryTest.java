package io.basehook.adapter.persistence;

import io.basehook.application.port.out.ApiTokenRepository;
import io.basehook.application.port.out.BaseRepository;
import io.basehook.domain.access.Permission;
import io.basehook.domain.base.Base;
import io.basehook.domain.token.ApiToken;
import io.basehook.domain.token.ApiTokenId;
import io.basehook.domain.token.TokenHash;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class JdbcApiTokenRepositoryTest extends DatabaseTest {

    @Inject
    BaseRepository bases;
    @Inject
    ApiTokenRepository tokens;

    @Test
    void findsATokenByTheHashOfItsSecret() {
        Base base = Fixtures.base();
        bases.insert(base);
        ApiToken.Issued issued = ApiToken.issue(base.id(), "ci-bot", Permission.READ_ONLY, Fixtures.NOW);
        tokens.insert(issued.token());

        ApiToken found = tokens.findByHash(TokenHash.of(issued.secret())).orElseThrow();

        assertEquals(issued.token().id(), found.id());
        assertEquals(base.id(), found.baseId());
        assertEquals("ci-bot", found.name());
        assertEquals(Permission.READ_ONLY, found.permission());
        assertEquals(issued.token().hash(), found.hash());
        assertEquals(Fixtures.NOW, found.createdAt());
        assertTrue(tokens.findByHash(TokenHash.of(issued.secret() + "x")).isEmpty());
    }

    @Test
    void listsABasesTokensInCreationOrder() {
        Base base = Fixtures.base();
        Base other = Fixtures.base();
        bases.insert(base);
        bases.insert(other);
        ApiToken second = ApiToken.issue(base.id(), "second", Permission.READ_WRITE, Instant.parse("2026-01-02T00:00:00Z")).token();
        ApiToken first = ApiToken.issue(base.id(), "first", Permission.READ_WRITE, Instant.parse("2026-01-01T00:00:00Z")).token();
        tokens.insert(second);
        tokens.insert(first);
        tokens.insert(ApiToken.issue(other.id(), "elsewhere", Permission.READ_WRITE, Fixtures.NOW).token());

        List<ApiTokenId> ids = tokens.findByBase(base.id()).stream().map(ApiToken::id).toList();

        assertEquals(List.of(first.id(), second.id()), ids);
    }

    @Test
    void deletesATokenOfItsOwnBaseOnly() {
        Base base = Fixtures.base();
        Base other = Fixtures.base();
        bases.insert(base);
        bases.insert(other);
        ApiToken token = ApiToken.issue(base.id(), "ci", Permission.READ_WRITE, Fixtures.NOW).token();
        tokens.insert(token);

        assertFalse(tokens.delete(other.id(), token.id()));
        assertTrue(tokens.findByHash(token.hash()).isPresent());
        assertTrue(tokens.delete(base.id(), token.id()));
        assertFalse(tokens.delete(base.id(), token.id()));
        assertTrue(tokens.findByHash(token.hash()).isEmpty());
    }
}
