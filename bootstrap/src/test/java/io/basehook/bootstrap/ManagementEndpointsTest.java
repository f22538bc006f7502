package io.basehook.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.basehook.bootstrap.RunningBasehook.Answer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The management endpoints over real HTTP: {@code /health} tells anyone only UP or DOWN and the admin its
 * components; {@code /metrics} and {@code /prometheus} are open unless a management token is configured; every other
 * endpoint is off, a 404 like any unknown path; and every 4xx is problem+json.
 */
class ManagementEndpointsTest {

    private static final String MANAGEMENT_TOKEN = "test-management-token-9876543210";
    private final RunningBasehook basehook = RunningBasehook.get();

    @Test
    void healthWithoutTheAdminTokenSaysOnlyUpOrDown() {
        String readOnly = readOnlyToken();
        for (String token : new String[] {null, "not-a-token", readOnly}) {
            Answer health = basehook.call("GET", "/health", token, null);
            assertEquals(200, health.status(), () -> health.raw().body());
            assertEquals(Map.of("status", "UP"), fields(health.body()), () -> "with token " + token + ": " + health.raw().body());
            String body = health.raw().body();
            for (String secret : new String[] {"jdbc", "components", "details", "diskSpace", "compositeDiscoveryClient",
                    "delivery", "mysql", "MariaDB"}) {
                assertFalse(body.contains(secret), () -> "'" + secret + "' in " + body);
            }
        }
    }

    @Test
    void theAdminSeesTheComponents() {
        Answer health = basehook.admin("GET", "/health", null);
        assertEquals(200, health.status(), () -> health.raw().body());
        JsonNode details = health.body().get("details");
        assertNotNull(details, () -> health.raw().body());
        assertEquals("UP", details.get("jdbc").get("status").asText(), "the database is one of them");
        assertEquals("UP", details.get("delivery").get("status").asText(), "and delivery another");
    }

    @Test
    void unusedEndpointsAreOffAndAnswerA404ProblemLikeAnyUnknownPath() {
        List<String[]> endpoints = List.of(new String[] {"GET", "/info"}, new String[] {"GET", "/beans"},
                new String[] {"GET", "/routes"}, new String[] {"GET", "/threaddump"}, new String[] {"GET", "/env"},
                new String[] {"GET", "/loggers"}, new String[] {"POST", "/refresh"}, new String[] {"POST", "/stop"});
        for (String[] endpoint : endpoints) {
            for (String token : new String[] {null, RunningBasehook.ADMIN_TOKEN}) {
                Answer answer = basehook.call(endpoint[0], endpoint[1], token, endpoint[0].equals("POST") ? "{}" : null);
                String what = endpoint[0] + " " + endpoint[1] + (token == null ? "" : " as admin");
                assertEquals(404, answer.status(), () -> what + ": " + answer.raw().body());
                assertProblem(answer.raw(), "route_not_found", what);
            }
        }
    }

    @Test
    void metricsAndPrometheusAreOpenWithoutAConfiguredToken() {
        URI root = basehook.context().getBean(EmbeddedServer.class).getURI();
        assertEquals(200, get(root, "/metrics", null).statusCode());
        HttpResponse<String> prometheus = get(root, "/prometheus", null);
        assertEquals(200, prometheus.statusCode());
        assertTrue(prometheus.body().contains("basehook_deliveries_open"), "the delivery meters");
    }

    @Test
    void aConfiguredManagementTokenGuardsMetricsAndPrometheusButNotHealth() {
        String database = basehook.context().getRequiredProperty("basehook.db.url", String.class);
        try (ApplicationContext guarded = Basehook.start(new String[0], Map.of(
                "micronaut.server.port", -1,
                "basehook.db.url", database,
                "basehook.db.user", basehook.databaseUser(),
                "basehook.db.password", basehook.databasePassword(),
                "basehook.admin-token", RunningBasehook.ADMIN_TOKEN,
                // an API-only instance: it must not claim the deliveries of the other tests on this database
                "basehook.delivery.enabled", false,
                "basehook.management.token", MANAGEMENT_TOKEN))) {
            URI root = guarded.getBean(EmbeddedServer.class).getURI();
            for (String path : new String[] {"/metrics", "/metrics/jvm.memory.used", "/prometheus"}) {
                for (String token : new String[] {null, "wrong-token", readOnlyToken()}) {
                    HttpResponse<String> refused = get(root, path, token);
                    assertEquals(401, refused.statusCode(), () -> path + " with " + token + ": " + refused.body());
                    assertProblem(refused, "unauthorized", path);
                    assertEquals("Bearer", refused.headers().firstValue("WWW-Authenticate").orElse(null));
                }
                assertEquals(200, get(root, path, MANAGEMENT_TOKEN).statusCode(), path + " with the management token");
                assertEquals(200, get(root, path, RunningBasehook.ADMIN_TOKEN).statusCode(), path + " as admin");
            }
            HttpResponse<String> health = get(root, "/health", null);
            assertEquals(200, health.statusCode(), health::body);
            assertEquals("{\"status\":\"UP\"}", health.body().replace(" ", ""));
        }
    }

    private static void assertProblem(HttpResponse<String> answer, String code, String what) {
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                () -> what + ": " + answer.headers().map());
        try {
            JsonNode problem = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body());
            assertEquals(code, problem.get("code").asText(), () -> what + ": " + answer.body());
            assertEquals(answer.statusCode(), problem.get("status").asInt(), what);
        } catch (IOException e) {
            throw new AssertionError(what + ": not JSON: " + answer.body(), e);
        }
    }

    private static Map<String, String> fields(JsonNode body) {
        Map<String, String> fields = new java.util.HashMap<>();
        body.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue().asText()));
        return fields;
    }

    /** A read-only token of a base of its own: a valid token, but not the admin's. */
    private String readOnlyToken() {
        String base = basehook.admin("POST", "/api/v1/bases", Map.of("name", "Management")).body().get("id").asText();
        return basehook.admin("POST", "/api/v1/bases/" + base + "/api-tokens",
                Map.of("name", "reader", "permission", "read-only")).body().get("token").asText();
    }

    private static HttpResponse<String> get(URI root, String path, String token) {
        return RunningBasehook.httpGet(root.resolve(path), token);
    }
}
