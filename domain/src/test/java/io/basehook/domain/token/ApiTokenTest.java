package io.basehook.domain.token;

import io.basehook.domain.access.Actor;
import io.basehook.domain.access.Permission;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.shared.BasehookException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiTokenTest {

    private static final BaseId BASE = new BaseId("fae0a3a42ba94df88e8303fd385e37de");
    private static final Instant NOW = Instant.parse("2026-11-27T14:30:00Z");

    @Test
    void issueShowsTheSecretOnceAndKeepsOnlyItsHash() {
        ApiToken.Issued issued = ApiToken.issue(BASE, " ci-bot ", Permission.READ_WRITE, NOW);
        assertTrue(issued.secret().matches("bh_[A-Za-z0-9_-]{43}"), issued.secret());
        ApiToken token = issued.token();
        assertEquals(TokenHash.of(issued.secret()), token.hash());
        assertFalse(token.hash().value().contains(issued.secret()));
        assertEquals("ci-bot", token.name());
        assertEquals(BASE, token.baseId());
        assertEquals(NOW, token.createdAt());
        assertTrue(token.id().value().startsWith("tok_"));
    }

    @Test
    void everyIssueHasItsOwnSecretAndId() {
        ApiToken.Issued first = ApiToken.issue(BASE, "a", Permission.READ_ONLY, NOW);
        ApiToken.Issued second = ApiToken.issue(BASE, "a", Permission.READ_ONLY, NOW);
        assertNotEquals(first.secret(), second.secret());
        assertNotEquals(first.token().id(), second.token().id());
    }

    @Test
    void aTokenActsOnItsBaseWithItsPermissionUnderItsName() {
        ApiToken token = ApiToken.issue(BASE, "viewer", Permission.READ_ONLY, NOW).token();
        assertEquals(Actor.token("viewer", BASE, Permission.READ_ONLY), token.asActor());
    }

    @Test
    void aTokenNeedsAName() {
        assertThrows(BasehookException.class, () -> ApiToken.issue(BASE, "  ", Permission.READ_ONLY, NOW));
    }

    @Test
    void theHashIsSha256AsLowercaseHex() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TokenHash.of("abc").value());
        assertEquals(TokenHash.of("bh_x"), TokenHash.of("bh_x"));
        assertNotEquals(TokenHash.of("bh_x"), TokenHash.of("bh_X"));
    }
}
