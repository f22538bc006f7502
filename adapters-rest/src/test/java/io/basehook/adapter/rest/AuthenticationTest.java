package io.basehook.adapter.rest;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import io.basehook.application.port.in.BasePage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

@MicronautTest
class AuthenticationTest extends ApiTestSupport {

    @Test
    void aRequestWithoutAuthorizationIs401WithABearerChallenge() {
        Reply reply = send("GET", "/api/v1/bases", null, null);

        assertEquals(401, reply.status());
        assertEquals("application/problem+json", reply.contentType());
        assertEquals("Bearer", reply.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals("unauthorized", reply.json().get("code"));
        verifyNoInteractions(authenticate, listBases);
    }

    @Test
    void anUnknownTokenIs401() {
        Reply reply = send("GET", "/api/v1/bases", "not-a-token", null);

        assertEquals(401, reply.status());
        assertEquals("Bearer", reply.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals(401L, ((Number) reply.json().get("status")).longValue());
        verifyNoInteractions(listBases);
    }

    @Test
    void anotherSchemeThanBearerIs401() {
        Reply reply = send(java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/api/v1/bases"))
                .header("Authorization", "Basic " + ADMIN_TOKEN).GET());

        assertEquals(401, reply.status());
        verifyNoInteractions(authenticate, listBases);
    }

    @Test
    void theAdminTokenIsLetThroughAsTheAdminActor() {
        when(listBases.listBases(any(), anyInt(), any())).thenReturn(new BasePage(List.of(), null));

        Reply reply = get("/api/v1/bases");

        assertEquals(200, reply.status());
        verify(listBases).listBases(eq(io.basehook.domain.access.Actor.admin()), anyInt(), any());
    }

    @Test
    void aBaseTokenReachesTheUseCaseAsItsOwnActor() {
        when(listBases.listBases(any(), anyInt(), any())).thenReturn(new BasePage(List.of(), null));

        Reply reply = send("GET", "/api/v1/bases", READ_ONLY_TOKEN, null);

        assertEquals(200, reply.status());
        verify(listBases).listBases(eq(READ_ONLY), anyInt(), any());
    }

    @Test
    void theSchemeIsCaseInsensitive() {
        when(listBases.listBases(any(), anyInt(), any())).thenReturn(new BasePage(List.of(), null));

        Reply reply = send(java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/api/v1/bases"))
                .header("Authorization", "bearer " + ADMIN_TOKEN).GET());

        assertEquals(200, reply.status());
    }

    @Test
    void anUnknownRouteUnderTheApiStillNeedsAToken() {
        Reply reply = send("GET", "/api/v1/nothing-here", null, null);

        assertEquals(401, reply.status());
    }
}
