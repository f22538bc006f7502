package io.basehook.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.basehook.bootstrap.RunningBasehook.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a REST consumer does over real HTTP against the started application: renames a base, pages the bases, lists
 * tables and columns, follows the change feed by {@code nextAfter}, and reads and writes rows by column key.
 */
class RestConsumerEndToEndTest {

    private static RunningBasehook app;

    @BeforeAll
    static void start() {
        app = RunningBasehook.get();
    }

    private static Answer ok(Answer answer, int status) {
        assertEquals(status, answer.status(), () -> answer.raw().body());
        return answer;
    }

    @Test
    void aConsumerFindsItsWayByListsAndWritesByColumnKey() {
        String base = ok(app.admin("POST", "/api/v1/bases", Map.of("name", "Consumer")), 201).body().get("id").asText();
        String api = "/api/v1/bases/" + base;
        JsonNode table = ok(app.admin("POST", api + "/tables", Map.of("name", "Deals", "columns", List.of(
                Map.of("name", "Name", "type", "text"), Map.of("name", "Amount", "type", "number")))), 201).body();
        String tableApi = api + "/tables/" + table.get("id").asText();
        String nameKey = table.get("columns").get(0).get("key").asText();
        String amountKey = table.get("columns").get(1).get("key").asText();

        // a rename answers the base as its read does, and sends no event
        JsonNode renamed = ok(app.admin("PATCH", api, Map.of("name", "Renamed")), 200).body();
        assertEquals("Renamed", renamed.get("name").asText());
        assertEquals(table.get("id").asText(), renamed.get("tables").get(0).get("id").asText());
        assertEquals("Renamed", ok(app.admin("GET", api, null), 200).body().get("name").asText());

        // every base, a page of one at a time, each once
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = ok(app.admin("GET", "/api/v1/bases?limit=1" + (cursor == null ? "" : "&cursor=" + cursor),
                    null), 200).body();
            assertTrue(page.get("bases").size() <= 1);
            page.get("bases").forEach(found -> seen.add(found.get("id").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        assertTrue(seen.contains(base), seen::toString);
        assertEquals(seen.size(), seen.stream().distinct().count(), seen::toString);

        // tables and columns in the shapes of their reads
        JsonNode tables = ok(app.admin("GET", api + "/tables", null), 200).body().get("tables");
        assertEquals(ok(app.admin("GET", tableApi, null), 200).body(), tables.get(0));
        assertEquals(table.get("columns"),
                ok(app.admin("GET", tableApi + "/columns", null), 200).body().get("columns"));

        // rows by column key, in and out; by name stays the default
        JsonNode row = ok(app.admin("POST", tableApi + "/rows?keys=key", Map.of("rows", List.of(
                Map.of(nameKey, "ACME", amountKey, 12)))), 201).body().get("rows").get(0);
        assertEquals("ACME", row.get("values").get(nameKey).asText());
        String rowApi = tableApi + "/rows/" + row.get("id").asText();
        JsonNode patched = ok(app.admin("PATCH", rowApi + "?keys=key", Map.of("values", Map.of(amountKey, 13))), 200)
                .body();
        assertEquals(13, patched.get("values").get(amountKey).asInt());
        assertEquals(13, ok(app.admin("GET", rowApi, null), 200).body().get("values").get("Amount").asInt());
        assertEquals("ACME", ok(app.admin("GET", tableApi + "/rows?keys=key", null), 200).body()
                .get("rows").get(0).get("values").get(nameKey).asText());
        Answer byName = app.admin("POST", tableApi + "/rows?keys=key", Map.of("rows", List.of(Map.of("Name", "x"))));
        assertEquals(400, byName.status());
        assertEquals("rows[0].Name", byName.body().get("errors").get(0).get("field").asText());

        // the feed: the insert and the update only, followed by nextAfter
        JsonNode first = ok(app.admin("GET", api + "/events?limit=1", null), 200).body();
        assertEquals(2, first.get("lastSeq").asLong());
        assertEquals(1, first.get("nextAfter").asLong());
        JsonNode second = ok(app.admin("GET", api + "/events?limit=1&after=" + first.get("nextAfter").asLong(), null),
                200).body();
        assertEquals(2, second.get("nextAfter").asLong());
        JsonNode empty = ok(app.admin("GET", api + "/events?after=2", null), 200).body();
        assertFalse(empty.get("events").elements().hasNext());
        assertEquals(2, empty.get("nextAfter").asLong());
    }
}
