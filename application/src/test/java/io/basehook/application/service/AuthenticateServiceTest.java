package io.basehook.application.service;

import io.basehook.domain.access.Actor;
import io.basehook.domain.access.Permission;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.token.ApiToken;
import io.basehook.domain.token.TokenHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static io.basehook.application.service.Fixture.BASE_ID;
import static io.basehook.application.service.Fixture.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class AuthenticateServiceTest {

    private static final String ADMIN_TOKEN = "admin-secret-0123456789";

    private final Fixture fixture = new Fixture();
    private final AuthenticateService service = new AuthenticateService(ADMIN_TOKEN, fixture.tokens);

    @Test
    void theAdminTokenIsTheAdminWithoutAnyLookup() {
        assertEquals(Actor.admin(), service.authenticate(ADMIN_TOKEN));
        verifyNoInteractions(fixture.tokens);
    }

    // only hashes are stored, so the lookup must be by hash, never by the token itself
    @Test
    void aBaseTokenIsFoundByItsHash() {
        ApiToken.Issued issued = ApiToken.issue(BASE_ID, "ci-bot", Permission.READ_ONLY, NOW);
        when(fixture.tokens.findByHash(TokenHash.of(issued.secret()))).thenReturn(Optional.of(issued.token()));

        Actor actor = service.authenticate(issued.secret());

        assertEquals(Actor.token("ci-bot", BASE_ID, Permission.READ_ONLY), actor);
        verify(fixture.tokens).findByHash(TokenHash.of(issued.secret()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bh_unknown", "admin-secret-012345678", "admin-secret-0123456789 ", "ADMIN-SECRET-0123456789"})
    void anUnknownTokenIsUnauthorized(String token) {
        when(fixture.tokens.findByHash(any())).thenReturn(Optional.empty());
        BasehookException e = assertThrows(BasehookException.class, () -> service.authenticate(token));
        assertEquals(BasehookException.Kind.UNAUTHORIZED, e.kind());
        assertEquals("unauthorized", e.code());
    }

    @ParameterizedTest
    @NullAndEmptySource
    void noTokenIsUnauthorizedWithoutALookup(String token) {
        BasehookException e = assertThrows(BasehookException.class, () -> service.authenticate(token));
        assertEquals(BasehookException.Kind.UNAUTHORIZED, e.kind());
        verify(fixture.tokens, never()).findByHash(any());
    }
}
