package io.basehook.domain.access;

import io.basehook.domain.base.BaseId;
import io.basehook.domain.shared.BasehookException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActorTest {

    private static final BaseId OWN = new BaseId("fae0a3a42ba94df88e8303fd385e37de");
    private static final BaseId OTHER = new BaseId("0123456789abcdef0123456789abcdef");

    private static void assertRefused(BasehookException.Kind kind, String code, Executable check) {
        BasehookException e = assertThrows(BasehookException.class, check);
        assertEquals(kind, e.kind());
        assertEquals(code, e.code());
    }

    @Test
    void theAdminMayDoEverythingOnEveryBase() {
        Actor admin = Actor.admin();
        assertTrue(admin.isAdmin());
        assertTrue(admin.canSee(OTHER));
        assertDoesNotThrow(() -> admin.requireWrite(OWN));
        assertDoesNotThrow(() -> admin.requireWrite(OTHER));
        assertDoesNotThrow(admin::requireAdmin);
    }

    @Test
    void theAdminIsOpUserAdminWithoutOpApp() {
        assertEquals("admin", Actor.admin().opUser());
        assertNull(Actor.admin().opApp());
    }

    @Test
    void aReadWriteTokenWritesItsOwnBaseOnly() {
        Actor token = Actor.token("ci-bot", OWN, Permission.READ_WRITE);
        assertFalse(token.isAdmin());
        assertDoesNotThrow(() -> token.requireWrite(OWN));
        assertFalse(token.canSee(OTHER));
    }

    // For any other base the answer is 404, so a token cannot probe which bases exist
    @Test
    void anotherBaseIsNotFoundForAToken() {
        Actor token = Actor.token("ci-bot", OWN, Permission.READ_WRITE);
        assertRefused(BasehookException.Kind.NOT_FOUND, "base_not_found", () -> token.requireRead(OTHER));
        assertRefused(BasehookException.Kind.NOT_FOUND, "base_not_found", () -> token.requireWrite(OTHER));
        Actor readOnly = Actor.token("viewer", OWN, Permission.READ_ONLY);
        assertRefused(BasehookException.Kind.NOT_FOUND, "base_not_found", () -> readOnly.requireWrite(OTHER));
    }

    @Test
    void aReadOnlyTokenReadsButIsForbiddenToWrite() {
        Actor token = Actor.token("viewer", OWN, Permission.READ_ONLY);
        assertDoesNotThrow(() -> token.requireRead(OWN));
        assertRefused(BasehookException.Kind.FORBIDDEN, "read_only_token", () -> token.requireWrite(OWN));
    }

    @Test
    void noTokenIsAdmin() {
        assertRefused(BasehookException.Kind.FORBIDDEN, "admin_only",
                () -> Actor.token("ci-bot", OWN, Permission.READ_WRITE).requireAdmin());
    }

    @Test
    void aTokenIsOpUserTokenColonNameAndOpAppItsName() {
        Actor token = Actor.token("ci-bot", OWN, Permission.READ_WRITE);
        assertEquals("token:ci-bot", token.opUser());
        assertEquals("ci-bot", token.opApp());
        // a token named "admin" must not pass for the admin in webhooks
        assertEquals("token:admin", Actor.token("admin", OWN, Permission.READ_WRITE).opUser());
    }

    @Test
    void aTokenBelongsToABase() {
        assertThrows(NullPointerException.class, () -> Actor.token("ci-bot", null, Permission.READ_WRITE));
    }

    @Test
    void permissionsHaveTheirWireNames() {
        assertEquals(Permission.READ_ONLY, Permission.fromWireName("read-only", "permission"));
        assertEquals(Permission.READ_WRITE, Permission.fromWireName(Permission.READ_WRITE.wireName(), "permission"));
        BasehookException e = assertThrows(BasehookException.class, () -> Permission.fromWireName("admin", "permission"));
        assertEquals(BasehookException.Kind.INVALID, e.kind());
        assertEquals("permission", e.errors().get(0).field());
    }
}
