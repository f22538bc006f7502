package io.basehook.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.basehook.bootstrap.RunningBasehook.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The probes of a hostile review, kept as regression tests over real HTTP: every route against every kind of
 * token, another base's ids under one's own base, the limits, and the limits raced by parallel requests.
 * Each denied request must also leave the base exactly as it was.
 */
class HostileRequestsEndToEndTest {

    private static RunningBasehook app;
    // answers 200, so no failing delivery changes a webhook while a test compares before and after
    private static Receiver receiver;
    private static String receiverUrl;

    @BeforeAll
    static void start() {
        app = RunningBasehook.get();
        receiver = new Receiver();
        receiverUrl = receiver.url();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    /** What a route needs from the caller: to see the base, to change it, or to be the admin. */
    private enum Needs { READ, WRITE, ADMIN }

    private record Route(String method, String path, Object body, Needs needs) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** A base with one of everything, so every route has something to point at. */
    private record Fixture(String base, String table, String column, String row, String webhook, String delivery,
                           String apiTokenId, String readOnly, String readWrite) {

        String api() {
            return "/api/v1/bases/" + base;
        }

        List<Route> routes() {
            String t = api() + "/tables/" + table;
            String w = api() + "/webhooks/" + webhook;
            return List.of(
                    new Route("GET", "/api/v1/bases", null, Needs.READ),
                    new Route("POST", "/api/v1/bases", Map.of("name", "X"), Needs.ADMIN),
                    new Route("GET", api(), null, Needs.READ),
                    new Route("PATCH", api(), Map.of("name", "Renamed"), Needs.WRITE),
                    new Route("DELETE", api(), null, Needs.ADMIN),
                    new Route("POST", api() + "/api-tokens", Map.of("name", "x", "permission", "read-write"), Needs.ADMIN),
                    new Route("GET", api() + "/api-tokens", null, Needs.ADMIN),
                    new Route("DELETE", api() + "/api-tokens/" + apiTokenId, null, Needs.ADMIN),
                    new Route("POST", api() + "/tables", Map.of("name", "Other"), Needs.WRITE),
                    new Route("GET", api() + "/tables", null, Needs.READ),
                    new Route("GET", t, null, Needs.READ),
                    new Route("GET", t + "/columns", null, Needs.READ),
                    new Route("PATCH", t, Map.of("name", "Renamed"), Needs.WRITE),
                    new Route("DELETE", t, null, Needs.WRITE),
                    new Route("POST", t + "/columns", Map.of("name", "More", "type", "text"), Needs.WRITE),
                    new Route("PATCH", t + "/columns/" + column, Map.of("name", "Title"), Needs.WRITE),
                    new Route("DELETE", t + "/columns/" + column, null, Needs.WRITE),
                    new Route("POST", t + "/rows", Map.of("rows", List.of(Map.of("Name", "x"))), Needs.WRITE),
                    new Route("GET", t + "/rows", null, Needs.READ),
                    new Route("GET", t + "/rows/" + row, null, Needs.READ),
                    new Route("PATCH", t + "/rows/" + row, Map.of("values", Map.of("Name", "y")), Needs.WRITE),
                    new Route("PATCH", t + "/rows", Map.of("updates", List.of(Map.of("id", row, "values",
                            Map.of("Name", "z")))), Needs.WRITE),
                    new Route("DELETE", t + "/rows/" + row, null, Needs.WRITE),
                    new Route("DELETE", t + "/rows", Map.of("ids", List.of(row)), Needs.WRITE),
                    new Route("POST", api() + "/webhooks", Map.of("url", receiverUrl), Needs.WRITE),
                    new Route("GET", api() + "/webhooks", null, Needs.READ),
                    new Route("GET", w, null, Needs.READ),
                    new Route("PATCH", w, Map.of("description", "changed"), Needs.WRITE),
                    new Route("DELETE", w, null, Needs.WRITE),
                    new Route("POST", w + "/rotate-secret", null, Needs.WRITE),
                    new Route("POST", w + "/test", null, Needs.WRITE),
                    new Route("GET", w + "/deliveries", null, Needs.READ),
                    new Route("GET", w + "/deliveries/" + delivery, null, Needs.READ),
                    new Route("POST", w + "/deliveries/" + delivery + "/redeliver", null, Needs.WRITE),
                    new Route("GET", api() + "/events?after=0", null, Needs.READ));
        }
    }

    private static Answer ok(Answer answer, int status) {
        assertEquals(status, answer.status(), () -> answer.raw().body());
        return answer;
    }

    private static Fixture fixture(String name) {
        String base = ok(app.admin("POST", "/api/v1/bases", Map.of("name", name)), 201).body().get("id").asText();
        String api = "/api/v1/bases/" + base;
        JsonNode table = ok(app.admin("POST", api + "/tables", Map.of("name", "Deals", "columns", List.of(
                Map.of("name", "Name", "type", "text"), Map.of("name", "Amount", "type", "number")))), 201).body();
        String tableId = table.get("id").asText();
        String column = table.get("columns").get(1).get("key").asText();
        String webhook = ok(app.admin("POST", api + "/webhooks", Map.of("url", receiverUrl)), 201).body().get("id").asText();
        String row = ok(app.admin("POST", api + "/tables/" + tableId + "/rows",
                Map.of("rows", List.of(Map.of("Name", "ACME", "Amount", 1)))), 201).body().get("rows").get(0).get("id").asText();
        String delivery = ok(app.admin("GET", api + "/webhooks/" + webhook + "/deliveries", null), 200)
                .body().get("deliveries").get(0).get("id").asText();
        JsonNode token = ok(app.admin("POST", api + "/api-tokens", Map.of("name", "spare", "permission", "read-only")), 201).body();
        String readOnly = ok(app.admin("POST", api + "/api-tokens", Map.of("name", "reader", "permission", "read-only")), 201)
                .body().get("token").asText();
        String readWrite = ok(app.admin("POST", api + "/api-tokens", Map.of("name", "writer", "permission", "read-write")), 201)
                .body().get("token").asText();
        return new Fixture(base, tableId, column, row, webhook, delivery, token.get("id").asText(), readOnly, readWrite);
    }

    /** Everything a request could have changed in a base, read by the admin. */
    private static String state(Fixture f) {
        String api = f.api();
        return String.join("\n",
                app.admin("GET", api, null).raw().body(),
                app.admin("GET", api + "/tables/" + f.table() + "/rows", null).raw().body(),
                app.admin("GET", api + "/webhooks", null).raw().body(),
                app.admin("GET", api + "/api-tokens", null).raw().body(),
                app.admin("GET", api + "/events?after=0", null).body().get("lastSeq").asText());
    }

    private static void assertProblem(Answer answer, int status, String what) {
        assertEquals(status, answer.status(), () -> what + ": " + answer.raw().body());
        assertEquals("application/problem+json", answer.raw().headers().firstValue("Content-Type").orElse(""), what);
        assertEquals(status, answer.body().get("status").asInt(), what);
    }

    @Test
    void everyRouteDeniesWhoMayNotUseItAndTheDeniedChangeNothing() {
        Fixture mine = fixture("Mine");
        Fixture theirs = fixture("Theirs");
        String before = state(mine);

        for (Route route : mine.routes()) {
            assertProblem(app.call(route.method(), route.path(), null, route.body()), 401, "no token, " + route);
            assertProblem(app.call(route.method(), route.path(), "bh_not-a-token", route.body()), 401, "unknown token, " + route);
            if (!route.path().equals("/api/v1/bases")) {
                // another base's token sees no such base, whatever it asks for
                assertProblem(app.call(route.method(), route.path(), theirs.readWrite(), route.body()), 404,
                        "another base's token, " + route);
            }
            if (route.needs() != Needs.READ) {
                assertProblem(app.call(route.method(), route.path(), mine.readOnly(), route.body()), 403, "read-only, " + route);
            }
            if (route.needs() == Needs.ADMIN) {
                assertProblem(app.call(route.method(), route.path(), mine.readWrite(), route.body()), 403, "read-write, " + route);
            }
        }
        assertEquals(before, state(mine), "no denied request changed the base");

        for (Route route : mine.routes()) {
            if (route.needs() == Needs.READ) {
                assertEquals(200, app.call(route.method(), route.path(), mine.readOnly(), null).status(), "read-only, " + route);
                assertEquals(200, app.call(route.method(), route.path(), mine.readWrite(), null).status(), "read-write, " + route);
            }
        }
        JsonNode listed = ok(app.call("GET", "/api/v1/bases", mine.readOnly(), null), 200).body().get("bases");
        assertEquals(1, listed.size(), "a token lists its own base only");
        assertEquals(mine.base(), listed.get(0).get("id").asText());
    }

    @Test
    void anotherBasesIdsUnderOnesOwnBaseAreNotFound() {
        Fixture mine = fixture("Mine");
        Fixture theirs = fixture("Theirs");
        String theirsBefore = state(theirs);
        String t = mine.api() + "/tables/";
        String w = mine.api() + "/webhooks/";
        List<Route> crossing = List.of(
                new Route("GET", t + theirs.table(), null, Needs.READ),
                new Route("PATCH", t + theirs.table(), Map.of("name", "Stolen"), Needs.WRITE),
                new Route("DELETE", t + theirs.table(), null, Needs.WRITE),
                new Route("GET", t + theirs.table() + "/rows", null, Needs.READ),
                new Route("PATCH", t + mine.table() + "/columns/" + theirs.column(), Map.of("name", "Stolen"), Needs.WRITE),
                new Route("DELETE", t + mine.table() + "/columns/" + theirs.column(), null, Needs.WRITE),
                new Route("GET", t + mine.table() + "/rows/" + theirs.row(), null, Needs.READ),
                new Route("PATCH", t + mine.table() + "/rows/" + theirs.row(), Map.of("values", Map.of("Name", "x")), Needs.WRITE),
                new Route("DELETE", t + mine.table() + "/rows/" + theirs.row(), null, Needs.WRITE),
                new Route("GET", w + theirs.webhook(), null, Needs.READ),
                new Route("PATCH", w + theirs.webhook(), Map.of("url", "http://127.0.0.1:10/"), Needs.WRITE),
                new Route("DELETE", w + theirs.webhook(), null, Needs.WRITE),
                new Route("POST", w + theirs.webhook() + "/rotate-secret", null, Needs.WRITE),
                new Route("POST", w + theirs.webhook() + "/test", null, Needs.WRITE),
                new Route("GET", w + theirs.webhook() + "/deliveries", null, Needs.READ),
                new Route("GET", w + mine.webhook() + "/deliveries/" + theirs.delivery(), null, Needs.READ),
                new Route("POST", w + mine.webhook() + "/deliveries/" + theirs.delivery() + "/redeliver", null, Needs.WRITE),
                new Route("DELETE", mine.api() + "/api-tokens/" + theirs.apiTokenId(), null, Needs.ADMIN));

        for (Route route : crossing) {
            if (route.needs() != Needs.ADMIN) {
                assertProblem(app.call(route.method(), route.path(), mine.readWrite(), route.body()), 404, "read-write, " + route);
            }
            assertProblem(app.admin(route.method(), route.path(), route.body()), 404, "admin, " + route);
        }
        // a batch naming another base's row changes nothing of it
        Answer batchUpdate = app.call("PATCH", t + mine.table() + "/rows", mine.readWrite(),
                Map.of("updates", List.of(Map.of("id", theirs.row(), "values", Map.of("Name", "x")))));
        assertTrue(batchUpdate.status() == 404 || batchUpdate.status() == 400, batchUpdate.raw().body());
        Answer batchDelete = app.call("DELETE", t + mine.table() + "/rows", mine.readWrite(), Map.of("ids", List.of(theirs.row())));
        assertTrue(batchDelete.status() < 500, batchDelete.raw().body());

        assertEquals(theirsBefore, state(theirs), "nothing of the other base changed");
        assertEquals(200, app.call("GET", theirs.api(), theirs.readOnly(), null).status(), "its tokens still work");
    }

    @Test
    void limitsAreClearFourHundredsAndWriteNothing() {
        Fixture f = fixture("Limits");
        String before = state(f);
        String rows = f.api() + "/tables/" + f.table() + "/rows";

        String overMiB = "{\"rows\":[{\"Name\":\"" + "x".repeat(1024 * 1024) + "\"}]}";
        assertProblem(app.admin("POST", rows, overMiB), 413, "a body over 1 MiB");
        List<Map<String, Object>> tooMany = IntStream.range(0, 1001).mapToObj(i -> Map.<String, Object>of("Name", "r" + i)).toList();
        Answer batch = app.admin("POST", rows, Map.of("rows", tooMany));
        assertTrue(batch.status() >= 400 && batch.status() < 500, batch.raw().body());
        List<Map<String, Object>> columns = IntStream.range(0, 501)
                .mapToObj(i -> Map.<String, Object>of("name", "c" + i, "type", "text")).toList();
        Answer wide = app.admin("POST", f.api() + "/tables", Map.of("name", "Wide", "columns", columns));
        assertTrue(wide.status() >= 400 && wide.status() < 500, wide.raw().body());

        assertEquals(before, state(f), "no rejected request wrote anything");
    }

    @Test
    void parallelRequestsCannotRacePastTheWebhookAndColumnLimits() throws Exception {
        Fixture f = fixture("Race");
        // the fixture made one webhook: 19 more fit, 40 try at once
        List<Integer> webhooks = parallel(40, i -> app.admin("POST", f.api() + "/webhooks",
                Map.of("url", "http://127.0.0.1:" + (20000 + i) + "/")).status());
        assertEquals(19, webhooks.stream().filter(status -> status == 201).count(), webhooks::toString);
        assertTrue(webhooks.stream().allMatch(status -> status == 201 || (status >= 400 && status < 500)), webhooks::toString);
        assertEquals(20, app.admin("GET", f.api() + "/webhooks", null).body().get("webhooks").size());

        List<Map<String, Object>> columns = IntStream.range(0, 495)
                .mapToObj(i -> Map.<String, Object>of("name", "c" + i, "type", "text")).toList();
        String table = ok(app.admin("POST", f.api() + "/tables", Map.of("name", "Almost full", "columns", columns)), 201)
                .body().get("id").asText();
        List<Integer> added = parallel(12, i -> app.admin("POST", f.api() + "/tables/" + table + "/columns",
                Map.of("name", "extra" + i, "type", "number")).status());
        assertEquals(5, added.stream().filter(status -> status == 201).count(), added::toString);
        assertEquals(500, app.admin("GET", f.api() + "/tables/" + table, null).body().get("columns").size());
    }

    private interface Request {
        int send(int index) throws Exception;
    }

    private static List<Integer> parallel(int count, Request request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                calls.add(() -> request.send(index));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(calls)) {
                statuses.add(status.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
