package io.basehook.adapter.rest;

import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.shared.FieldError;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

@MicronautTest
class ProblemJsonTest extends ApiTestSupport {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Test
    void aBasehookExceptionBecomesAFullProblemWithFieldErrors() {
        when(createBase.createBase(any())).thenThrow(new BasehookException(BasehookException.Kind.INVALID,
                "invalid_name", "name must be at most 255 characters",
                List.of(new FieldError("name", "name must be at most 255 characters"))));

        Reply reply = post("/api/v1/bases", "{\"name\":\"x\"}");

        assertEquals(400, reply.status());
        assertEquals(PROBLEM_JSON, reply.contentType());
        assertEquals(Map.of(
                "type", "urn:basehook:problem:invalid_name",
                "title", "Bad Request",
                "status", 400,
                "detail", "name must be at most 255 characters",
                "code", "invalid_name",
                "errors", List.of(Map.of("field", "name", "message", "name must be at most 255 characters"))),
                reply.json());
    }

    @Test
    void anUnreachableDatabaseIsA503TheClientMayRetry() {
        doThrow(new BasehookException(BasehookException.Kind.UNAVAILABLE, "database_unavailable", "try again"))
                .when(listBases).listBases(any(), anyInt(), any());

        Reply reply = get("/api/v1/bases");

        assertEquals(503, reply.status());
        assertEquals("5", reply.headers().firstValue("Retry-After").orElse(null));
        assertEquals("database_unavailable", reply.json().get("code"));
    }

    @Test
    void eachKindHasItsStatus() {
        Map<BasehookException.Kind, Integer> statuses = Map.of(
                BasehookException.Kind.INVALID, 400,
                BasehookException.Kind.UNAUTHORIZED, 401,
                BasehookException.Kind.FORBIDDEN, 403,
                BasehookException.Kind.NOT_FOUND, 404,
                BasehookException.Kind.CONFLICT, 409,
                BasehookException.Kind.LIMIT_EXCEEDED, 422,
                BasehookException.Kind.UNAVAILABLE, 503);
        for (Map.Entry<BasehookException.Kind, Integer> expected : statuses.entrySet()) {
            doThrow(new BasehookException(expected.getKey(), "some_code", "refused"))
                    .when(listBases).listBases(any(), anyInt(), any());

            Reply reply = get("/api/v1/bases");

            assertEquals(expected.getValue(), reply.status(), expected.getKey().name());
            assertEquals(PROBLEM_JSON, reply.contentType());
            assertEquals(expected.getValue(), reply.json().get("status"));
            assertFalse(reply.json().containsKey("errors"), "no field errors, no errors member");
        }
    }

    @Test
    void malformedJsonIs400() {
        Reply reply = post("/api/v1/bases", "{\"name\": ");

        assertEquals(400, reply.status());
        assertEquals(PROBLEM_JSON, reply.contentType());
        assertEquals("malformed_json", reply.json().get("code"));
        verifyNoInteractions(createBase);
    }

    @Test
    void aWronglyTypedFieldIs400NamingIt() {
        Reply flat = post("/api/v1/bases", "{\"name\": {\"first\": \"CRM\"}}");
        Reply nested = post("/api/v1/bases/" + BASE_ID + "/tables",
                "{\"name\":\"T\",\"columns\":[{\"name\":\"A\",\"type\":\"single-select\",\"options\":[{\"name\":[\"a\",\"b\"]}]}]}");

        assertEquals(400, flat.status());
        assertEquals("name", Reply.at(flat.json().get("errors"), 0).get("field"));
        assertEquals(400, nested.status());
        assertEquals("columns[0].options[0].name", Reply.at(nested.json().get("errors"), 0).get("field"));
        assertFalse(nested.body().contains("io.basehook"), "no Java type names: " + nested.body());
        verifyNoInteractions(createBase, createTable);
    }

    @Test
    void aMissingBodyIs400() {
        Reply reply = send("POST", "/api/v1/bases", ADMIN_TOKEN, null);

        assertEquals(400, reply.status());
        assertEquals(PROBLEM_JSON, reply.contentType());
    }

    @Test
    void anUnknownRouteIs404() {
        Reply reply = get("/api/v1/nothing-here");

        assertEquals(404, reply.status());
        assertEquals(PROBLEM_JSON, reply.contentType());
        assertEquals("route_not_found", reply.json().get("code"));
        assertEquals("Not Found", reply.json().get("title"));
    }

    @Test
    void aWrongMethodIs405WithTheAllowedOnes() {
        Reply reply = send("PUT", "/api/v1/bases", ADMIN_TOKEN, "{}");

        assertEquals(405, reply.status());
        assertEquals(PROBLEM_JSON, reply.contentType());
        assertEquals("method_not_allowed", reply.json().get("code"));
        assertTrue(reply.headers().firstValue("Allow").orElse("").contains("POST"));
    }

    @Test
    void anotherMediaTypeThanJsonIs415() {
        Reply reply = send(HttpRequest.newBuilder(server.getURI().resolve("/api/v1/bases"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("name=CRM")));

        assertEquals(415, reply.status());
        assertEquals(PROBLEM_JSON, reply.contentType());
        assertEquals("unsupported_media_type", reply.json().get("code"));
        verifyNoInteractions(createBase);
    }

    @Test
    void anUnexpectedExceptionIs500WithAnErrorIdAndNothingInternal() {
        when(listBases.listBases(any(), anyInt(), any()))
                .thenThrow(new IllegalStateException("SELECT * FROM api_token WHERE hash = ?"));

        Reply reply = get("/api/v1/bases");

        assertEquals(500, reply.status());
        assertEquals(PROBLEM_JSON, reply.contentType());
        assertEquals("internal_error", reply.json().get("code"));
        String errorId = (String) reply.json().get("errorId");
        assertTrue(errorId != null && errorId.matches("[0-9a-f-]{36}"), "error id: " + errorId);
        assertTrue(((String) reply.json().get("detail")).contains(errorId));
        assertFalse(reply.body().contains("SELECT"), reply.body());
        assertFalse(reply.body().contains("IllegalStateException"), reply.body());
        assertFalse(reply.body().contains("\tat "), reply.body());
    }

    @Test
    void twoFailuresGetTwoErrorIds() {
        when(listBases.listBases(any(), anyInt(), any())).thenThrow(new IllegalStateException("boom"));

        Object first = get("/api/v1/bases").json().get("errorId");
        Object second = get("/api/v1/bases").json().get("errorId");

        assertFalse(first.equals(second));
    }
}
