package io.basehook.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.basehook.bootstrap.RunningBasehook.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The content rule over real HTTP against the started application: every content change leaves exactly its events in
 * the change feed, in order, with old and new values; structure changes and no-op updates leave nothing.
 */
class ContentAndStructureEndToEndTest {

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
    void theChangeFeedHoldsExactlyTheContentEventsInOrder() {
        String base = ok(app.admin("POST", "/api/v1/bases", Map.of("name", "Sales")), 201).body().get("id").asText();
        String api = "/api/v1/bases/" + base;
        JsonNode table = ok(app.admin("POST", api + "/tables", Map.of("name", "Deals", "columns", List.of(
                Map.of("name", "Name", "type", "text"),
                Map.of("name", "Amount", "type", "number"),
                Map.of("name", "Done", "type", "checkbox"),
                Map.of("name", "Stage", "type", "single-select",
                        "options", List.of(Map.of("name", "Lead"), Map.of("name", "Won", "color", "#59CB74")))))), 201).body();
        String rows = api + "/tables/" + table.get("id").asText() + "/rows";
        String leadId = table.get("columns").get(3).get("options").get(0).get("id").asText();
        String doneKey = table.get("columns").get(2).get("key").asText();

        // content: one row, then a batch of three
        JsonNode acme = ok(app.admin("POST", rows, Map.of("rows", List.of(
                Map.of("Name", "ACME", "Amount", 100, "Stage", "Lead")))), 201).body().get("rows").get(0);
        JsonNode batch = ok(app.admin("POST", rows, Map.of("rows", List.of(
                Map.of("Name", "Globex", "Amount", 250.5),
                Map.of("Name", "Initech", "Done", true),
                Map.of("Name", "Umbrella")))), 201).body().get("rows");
        assertEquals(3, batch.size());
        String acmeId = acme.get("id").asText();

        // content: tick a checkbox
        JsonNode ticked = ok(app.admin("PATCH", rows + "/" + acmeId, Map.of("values", Map.of("Done", true))), 200).body();
        assertTrue(ticked.get("values").get("Done").asBoolean());

        // nothing: an update with identical values
        ok(app.admin("PATCH", rows, Map.of("updates", List.of(Map.of("id", batch.get(0).get("id").asText(),
                "values", Map.of("Name", "Globex", "Amount", 250.50))))), 200);

        // content: delete a row
        ok(app.admin("DELETE", rows + "/" + batch.get(1).get("id").asText(), null), 204);

        // structure: add a column, rename it, rename the table
        JsonNode notes = ok(app.admin("POST", api + "/tables/" + table.get("id").asText() + "/columns",
                Map.of("name", "Notes", "type", "text")), 201).body();
        ok(app.admin("PATCH", api + "/tables/" + table.get("id").asText() + "/columns/" + notes.get("key").asText(),
                Map.of("name", "Remarks")), 200);
        ok(app.admin("PATCH", api + "/tables/" + table.get("id").asText(), Map.of("name", "Opportunities")), 200);

        JsonNode feed = ok(app.admin("GET", api + "/events?after=0&limit=100", null), 200).body();
        List<JsonNode> events = new ArrayList<>();
        feed.get("events").forEach(events::add);
        assertEquals(6, events.size(), feed::toString);
        assertEquals(6, feed.get("lastSeq").asLong());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i + 1, events.get(i).get("seq").asLong(), "seq rises by one per event");
            assertEquals(events.get(i).get("id").asText(), data(events.get(i)).get("event_id").asText());
        }
        List<String> types = events.stream().map(event -> data(event).get("op_type").asText()).toList();
        assertEquals(List.of("insert_row", "insert_row", "insert_row", "insert_row", "modify_row", "delete_row"), types);

        JsonNode insert = data(events.get(0));
        assertEquals(base, insert.get("dtable_uuid").asText());
        assertEquals(acmeId, insert.get("row_id").asText());
        assertEquals("ACME", insert.get("row_name").asText());
        assertEquals("Deals", insert.get("table_name").asText());
        assertEquals("admin", insert.get("op_user").asText());
        assertEquals(3, insert.get("row_data").size(), "every non-empty cell");
        assertEquals(leadId, cell(insert, "Stage").get("value").asText(), "select values are option ids");
        assertTrue(cell(insert, "Stage").get("old_value").isNull());
        assertEquals(100, cell(insert, "Amount").get("value").asInt());

        assertEquals("Globex", data(events.get(1)).get("row_name").asText());
        assertEquals(0, cell(data(events.get(1)), "Amount").get("value").decimalValue().compareTo(new java.math.BigDecimal("250.5")));

        JsonNode tick = data(events.get(4));
        assertEquals(acmeId, tick.get("row_id").asText());
        assertEquals(1, tick.get("row_data").size(), "only the changed cell");
        assertEquals(doneKey, tick.get("row_data").get(0).get("column_key").asText());
        assertTrue(tick.get("row_data").get(0).get("value").asBoolean());
        assertFalse(tick.get("row_data").get(0).get("old_value").asBoolean(true));

        JsonNode delete = data(events.get(5));
        assertEquals(batch.get(1).get("id").asText(), delete.get("row_id").asText());
        assertEquals("Initech", cell(delete, "Name").get("old_value").asText());
        assertTrue(cell(delete, "Name").get("value").isNull());
        assertTrue(cell(delete, "Done").get("old_value").asBoolean());

        // a reader that saw seq 4 catches up with exactly the rest
        JsonNode rest = ok(app.admin("GET", api + "/events?after=4", null), 200).body();
        assertEquals(2, rest.get("events").size());
        assertEquals(5, rest.get("events").get(0).get("seq").asLong());

        // the renamed column shows under its new name without any row having been rewritten
        JsonNode listed = ok(app.admin("GET", rows + "?limit=10", null), 200).body();
        assertEquals(3, listed.get("rows").size());
        ok(app.admin("PATCH", rows + "/" + acmeId, Map.of("values", Map.of("Remarks", "call back"))), 200);
        assertEquals("call back", ok(app.admin("GET", rows + "/" + acmeId, null), 200).body().get("values").get("Remarks").asText());
    }

    // group commit: concurrent writes to one base share transactions, yet each update sees the ones before it, so
    // the old values of one row chain without a gap, and the seq stays gapless in commit order
    @Test
    void concurrentWritesToOneBaseChainTheirOldValuesInSeqOrder() throws Exception {
        String base = ok(app.admin("POST", "/api/v1/bases", Map.of("name", "Busy")), 201).body().get("id").asText();
        String api = "/api/v1/bases/" + base;
        JsonNode table = ok(app.admin("POST", api + "/tables", Map.of("name", "Counters", "columns", List.of(
                Map.of("name", "Name", "type", "text"), Map.of("name", "Amount", "type", "number")))), 201).body();
        String rows = api + "/tables/" + table.get("id").asText() + "/rows";
        String rowId = ok(app.admin("POST", rows, Map.of("rows", List.of(Map.of("Name", "shared", "Amount", 0)))), 201)
                .body().get("rows").get(0).get("id").asText();
        int threads = 8;
        int each = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads * 2);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writes.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        // every value differs from every other, so every update is a change
                        ok(app.admin("PATCH", rows + "/" + rowId,
                                Map.of("values", Map.of("Amount", 1 + thread * each + i))), 200);
                    }
                }));
                writes.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        ok(app.admin("POST", rows, Map.of("rows", List.of(Map.of("Name", "t" + thread + "-" + i)))), 201);
                    }
                }));
            }
            for (Future<?> write : writes) {
                write.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        JsonNode feed = ok(app.admin("GET", api + "/events?after=0&limit=1000", null), 200).body();
        List<JsonNode> events = new ArrayList<>();
        feed.get("events").forEach(events::add);
        int total = 1 + 2 * threads * each;
        assertEquals(total, events.size());
        long previous = 0;
        int modifies = 0;
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i + 1, events.get(i).get("seq").asLong(), "gapless, in commit order");
            JsonNode data = data(events.get(i));
            if (data.get("op_type").asText().equals("modify_row")) {
                modifies++;
                assertEquals(rowId, data.get("row_id").asText());
                JsonNode amount = cell(data, "Amount");
                assertEquals(previous, amount.get("old_value").asLong(), "each update saw the one before it");
                previous = amount.get("value").asLong();
            }
        }
        assertEquals(threads * each, modifies);
        assertEquals(previous, ok(app.admin("GET", rows + "/" + rowId, null), 200).body().get("values").get("Amount")
                .asLong(), "the row holds the last value of the feed");
    }

    @Test
    void badInputWritesNothingAndNamesTheField() {
        String base = ok(app.admin("POST", "/api/v1/bases", Map.of("name", "Strict")), 201).body().get("id").asText();
        String api = "/api/v1/bases/" + base;
        String tableId = ok(app.admin("POST", api + "/tables", Map.of("name", "T", "columns", List.of(
                Map.of("name", "Name", "type", "text"), Map.of("name", "Count", "type", "number")))), 201)
                .body().get("id").asText();

        Answer bad = app.admin("POST", api + "/tables/" + tableId + "/rows", Map.of("rows", List.of(
                Map.of("Name", "fine"), Map.of("Name", "also fine", "Count", "three"))));

        assertEquals(400, bad.status());
        assertEquals("application/problem+json", bad.raw().headers().firstValue("Content-Type").orElse(""));
        assertEquals("rows[1].Count", bad.body().get("errors").get(0).get("field").asText());
        assertEquals(0, app.admin("GET", api + "/tables/" + tableId + "/rows", null).body().get("rows").size());
        assertEquals(0, app.admin("GET", api + "/events", null).body().get("lastSeq").asLong());
    }

    @Test
    void tokensSeeTheirOwnBaseOnlyAndReadOnlyTokensCannotWrite() {
        String base = ok(app.admin("POST", "/api/v1/bases", Map.of("name", "Mine")), 201).body().get("id").asText();
        String other = ok(app.admin("POST", "/api/v1/bases", Map.of("name", "Theirs")), 201).body().get("id").asText();
        String reader = ok(app.admin("POST", "/api/v1/bases/" + base + "/api-tokens",
                Map.of("name", "dashboard", "permission", "read-only")), 201).body().get("token").asText();
        String writer = ok(app.admin("POST", "/api/v1/bases/" + base + "/api-tokens",
                Map.of("name", "ci-bot", "permission", "read-write")), 201).body().get("token").asText();

        assertEquals(200, app.call("GET", "/api/v1/bases/" + base, reader, null).status());
        assertEquals(403, app.call("POST", "/api/v1/bases/" + base + "/tables", reader, Map.of("name", "X")).status());
        assertEquals(404, app.call("GET", "/api/v1/bases/" + other, writer, null).status());
        assertEquals(201, app.call("POST", "/api/v1/bases/" + base + "/tables", writer, Map.of("name", "X")).status());
        assertEquals(401, app.call("GET", "/api/v1/bases/" + base, "not-a-token", null).status());

        JsonNode listed = ok(app.admin("GET", "/api/v1/bases/" + base + "/api-tokens", null), 200).body();
        assertFalse(listed.toString().contains(writer), "a token is shown only when created");
    }

    @Test
    void healthIncludesTheDatabase() {
        // the components are the admin's to see (ManagementEndpointsTest)
        Answer health = app.admin("GET", "/health", null);
        assertEquals(200, health.status());
        assertEquals("UP", health.body().get("details").get("jdbc").get("status").asText());
    }

    private static JsonNode data(JsonNode event) {
        return event.get("payload").get("data");
    }

    private static JsonNode cell(JsonNode data, String columnName) {
        for (JsonNode cell : data.get("row_data")) {
            if (cell.get("column_name").asText().equals(columnName)) {
                return cell;
            }
        }
        throw new AssertionError("no cell of column " + columnName + " in " + data);
    }
}
