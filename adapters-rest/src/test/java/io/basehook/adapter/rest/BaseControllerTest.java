package io.basehook.adapter.rest;

import io.basehook.application.port.in.BasePage;
import io.basehook.application.port.in.BaseWithTables;
import io.basehook.application.port.in.CreateBaseCommand;
import io.basehook.application.port.in.RenameBaseCommand;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.Base;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.shared.BasehookException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

@MicronautTest
class BaseControllerTest extends ApiTestSupport {

    private static final Base BASE = Base.restore(BASE_ID, "CRM", T0);

    @Test
    void createsABaseWith201AndMillisecondsInItsTime() {
        when(createBase.createBase(any())).thenReturn(BASE);

        Reply reply = post("/api/v1/bases", "{\"name\":\"CRM\"}");

        assertEquals(201, reply.status());
        assertEquals("application/json", reply.contentType());
        assertEquals(Map.of("id", BASE_ID.value(), "name", "CRM", "createdAt", T0_WIRE), reply.json());
        verify(createBase).createBase(new CreateBaseCommand(Actor.admin(), "CRM"));
    }

    @Test
    void aBaseWithoutNameIs400NamingTheField() {
        Reply reply = post("/api/v1/bases", "{}");

        assertEquals(400, reply.status());
        assertEquals("application/problem+json", reply.contentType());
        assertEquals("missing_field", reply.json().get("code"));
        assertEquals("name", Reply.at(reply.json().get("errors"), 0).get("field"));
        verifyNoInteractions(createBase);
    }

    @Test
    void listsTheBasesTheActorSees() {
        Base other = Base.restore(new BaseId("0123456789abcdef0123456789abcdef"), "Ops",
                Instant.parse("2026-01-02T03:04:05.006Z"));
        when(listBases.listBases(Actor.admin(), 100, null)).thenReturn(new BasePage(List.of(BASE, other), null));

        Reply reply = get("/api/v1/bases");

        assertEquals(200, reply.status());
        assertEquals(List.of(
                Map.of("id", BASE_ID.value(), "name", "CRM", "createdAt", T0_WIRE),
                Map.of("id", "0123456789abcdef0123456789abcdef", "name", "Ops",
                        "createdAt", "2026-01-02T03:04:05.006Z")),
                reply.json().get("bases"));
        assertTrue(reply.json().containsKey("nextCursor"));
        assertEquals(null, reply.json().get("nextCursor"));
    }

    @Test
    void passesLimitAndCursorAndAnswersTheNextCursor() {
        when(listBases.listBases(Actor.admin(), 1, "abc")).thenReturn(new BasePage(List.of(BASE), "def"));

        Reply reply = get("/api/v1/bases?limit=1&cursor=abc");

        assertEquals(200, reply.status());
        assertEquals(List.of("bases", "nextCursor"), List.copyOf(reply.json().keySet()));
        assertEquals("def", reply.json().get("nextCursor"));
        assertEquals(BASE_ID.value(), Reply.at(reply.json().get("bases"), 0).get("id"));
    }

    @Test
    void aNonNumericLimitIs400NamingIt() {
        Reply reply = get("/api/v1/bases?limit=many");

        assertEquals(400, reply.status());
        assertEquals("limit", Reply.at(reply.json().get("errors"), 0).get("field"));
        verifyNoInteractions(listBases);
    }

    @Test
    void anEmptyListIsStillAnArray() {
        when(listBases.listBases(any(), anyInt(), any())).thenReturn(new BasePage(List.of(), null));

        assertEquals(List.of(), get("/api/v1/bases").json().get("bases"));
    }

    @Test
    void readsABaseWithItsTablesAndTheirColumns() {
        when(getBase.getBase(Actor.admin(), BASE_ID)).thenReturn(new BaseWithTables(BASE, List.of(Fixtures.table())));

        Reply reply = get("/api/v1/bases/" + BASE_ID);

        assertEquals(200, reply.status());
        Map<String, Object> table = Reply.at(reply.json().get("tables"), 0);
        assertEquals("9g8f", table.get("id"));
        assertEquals("Opportunities", table.get("name"));
        assertEquals(T0_WIRE, table.get("createdAt"));
        assertEquals(Map.of("key", "0000", "name", "Name", "type", "text", "options", List.of()),
                Reply.at(table.get("columns"), 0));
        assertEquals(Map.of("key", "589r", "name", "Prio", "type", "single-select", "options", List.of(
                        Map.of("id", "381992", "name", "++", "color", "#F4667C"),
                        Map.of("id", "381993", "name", "+", "color", "#59CB74"))),
                Reply.at(table.get("columns"), 1));
        assertEquals("CRM", reply.json().get("name"));
        assertEquals(T0_WIRE, reply.json().get("createdAt"));
    }

    @Test
    void renamesABaseAndAnswersItAsItsReadDoes() {
        Base renamed = Base.restore(BASE_ID, "Deals", T0);
        when(renameBase.renameBase(any())).thenReturn(new BaseWithTables(renamed, List.of(Fixtures.table())));

        Reply reply = patch("/api/v1/bases/" + BASE_ID, "{\"name\":\"Deals\"}");

        assertEquals(200, reply.status());
        assertEquals("Deals", reply.json().get("name"));
        assertEquals(BASE_ID.value(), reply.json().get("id"));
        assertEquals(T0_WIRE, reply.json().get("createdAt"));
        assertEquals("9g8f", Reply.at(reply.json().get("tables"), 0).get("id"));
        verify(renameBase).renameBase(new RenameBaseCommand(Actor.admin(), BASE_ID, "Deals"));
    }

    @Test
    void aRenameWithoutNameOrWithAnUnknownMemberIs400() {
        Reply missing = patch("/api/v1/bases/" + BASE_ID, "{}");
        Reply unknown = patch("/api/v1/bases/" + BASE_ID, "{\"name\":\"Deals\",\"color\":\"red\"}");

        assertEquals(400, missing.status());
        assertEquals("missing_field", missing.json().get("code"));
        assertEquals("name", Reply.at(missing.json().get("errors"), 0).get("field"));
        assertEquals(400, unknown.status());
        assertEquals("unknown_field", unknown.json().get("code"));
        verifyNoInteractions(renameBase);
    }

    @Test
    void deletesABaseWith204() {
        Reply reply = delete("/api/v1/bases/" + BASE_ID);

        assertEquals(204, reply.status());
        assertTrue(reply.body().isEmpty());
        verify(deleteBase).deleteBase(Actor.admin(), BASE_ID);
    }

    @Test
    void aMalformedBaseIdIs404() {
        Reply reply = get("/api/v1/bases/not-a-base-id");

        assertEquals(404, reply.status());
        assertEquals("base_not_found", reply.json().get("code"));
        verifyNoInteractions(getBase);
    }

    @Test
    void aRefusalOfTheUseCaseBecomesItsStatus() {
        doThrow(new BasehookException(BasehookException.Kind.FORBIDDEN, "admin_only", "only the admin token may do this"))
                .when(deleteBase).deleteBase(eq(READ_ONLY), any());

        Reply reply = send("DELETE", "/api/v1/bases/" + BASE_ID, READ_ONLY_TOKEN, null);

        assertEquals(403, reply.status());
        assertEquals("admin_only", reply.json().get("code"));
        assertEquals("only the admin token may do this", reply.json().get("detail"));
    }
}
