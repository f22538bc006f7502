package io.basehook.adapter.rest;

import io.basehook.application.port.in.CreateApiTokenCommand;
import io.basehook.domain.access.Actor;
import io.basehook.domain.access.Permission;
import io.basehook.domain.token.ApiToken;
import io.basehook.domain.token.ApiTokenId;
import io.basehook.domain.token.TokenHash;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

@MicronautTest
class ApiTokenControllerTest extends ApiTestSupport {

    private static final String TOKENS = "/api/v1/bases/" + BASE_ID + "/api-tokens";
    private static final ApiTokenId TOKEN_ID = new ApiTokenId("tok_AbCdEfGh12345678");
    private static final ApiToken TOKEN = ApiToken.restore(TOKEN_ID, BASE_ID, "ci-bot", Permission.READ_ONLY,
            TokenHash.of("bh_secret"), T0);

    @Test
    void createsATokenAndShowsItsSecretOnce() {
        when(createApiToken.createApiToken(any())).thenReturn(new ApiToken.Issued(TOKEN, "bh_secret"));

        Reply reply = post(TOKENS, "{\"name\":\"ci-bot\",\"permission\":\"read-only\"}");

        assertEquals(201, reply.status());
        assertEquals(Map.of("id", TOKEN_ID.value(), "name", "ci-bot", "permission", "read-only",
                "createdAt", T0_WIRE, "token", "bh_secret"), reply.json());
        verify(createApiToken).createApiToken(
                new CreateApiTokenCommand(Actor.admin(), BASE_ID, "ci-bot", Permission.READ_ONLY));
    }

    @Test
    void anUnknownPermissionIs400NamingTheField() {
        Reply reply = post(TOKENS, "{\"name\":\"ci-bot\",\"permission\":\"everything\"}");

        assertEquals(400, reply.status());
        assertEquals("permission", Reply.at(reply.json().get("errors"), 0).get("field"));
        verifyNoInteractions(createApiToken);
    }

    @Test
    void aMissingPermissionIs400NamingTheField() {
        Reply reply = post(TOKENS, "{\"name\":\"ci-bot\"}");

        assertEquals(400, reply.status());
        assertEquals("permission", Reply.at(reply.json().get("errors"), 0).get("field"));
    }

    @Test
    void listsTokensWithoutTheirSecrets() {
        when(listApiTokens.listApiTokens(Actor.admin(), BASE_ID)).thenReturn(List.of(TOKEN));

        Reply reply = get(TOKENS);

        assertEquals(200, reply.status());
        assertEquals(Map.of("apiTokens", List.of(Map.of("id", TOKEN_ID.value(), "name", "ci-bot",
                "permission", "read-only", "createdAt", T0_WIRE))), reply.json());
    }

    @Test
    void revokesATokenWith204() {
        Reply reply = delete(TOKENS + "/" + TOKEN_ID);

        assertEquals(204, reply.status());
        verify(deleteApiToken).deleteApiToken(Actor.admin(), BASE_ID, TOKEN_ID);
    }

    @Test
    void aMalformedTokenIdIs404() {
        Reply reply = delete(TOKENS + "/bh_secret");

        assertEquals(404, reply.status());
        assertEquals("api_token_not_found", reply.json().get("code"));
        verifyNoInteractions(deleteApiToken);
    }
}
