package io.basehook.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pages are bounded in bytes, not only in rows: in a 256 MiB heap, 80 rows of about 1 MiB each are read with
 * {@code limit=1000} by a read-only token, as rows and as the change feed. Each page answers 200, stops early
 * and says where to go on; walking on gives every row and every event once. Delivery carries on afterwards.
 */
class BoundedReadsTest {

    private static final int ROWS = 80;
    private static final int COLUMNS = 10;
    private static final int CELL_CHARS = 99_000;
    private static final int READERS = 4;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void largeRowsAreReadInPagesThatStopEarlyAndDeliveryCarriesOn() throws Exception {
        String database = SeparateDatabase.fresh("bounded_reads");
        try (Receiver receiver = new Receiver();
             ChildBasehook child = ChildBasehook.start(database, Map.of(), List.of("-Xmx256m"))) {
            ChildApi admin = new ChildApi(child.baseUrl());
            String base = admin.post("/api/v1/bases", Map.of("name", "Large")).get("id").asText();
            String rows = admin.longTextTable(base, COLUMNS);
            List<String> inserted = insertLargeRows(admin, rows);
            String reader = admin.post("/api/v1/bases/" + base + "/api-tokens",
                    Map.of("name", "reader", "permission", "read-only")).get("token").asText();

            // readers at once, as many as would each have held all 80 rows: every one gets a bounded first page
            ExecutorService readers = Executors.newFixedThreadPool(READERS);
            try {
                List<Future<JsonNode>> firstPages = new ArrayList<>();
                for (int i = 0; i < READERS; i++) {
                    firstPages.add(readers.submit(() -> get(child, rows + "?limit=1000", reader)));
                }
                for (Future<JsonNode> page : firstPages) {
                    assertTrue(page.get().get("rows").size() < ROWS, "a first page stops early");
                }
            } finally {
                readers.shutdownNow();
            }

            List<String> read = new ArrayList<>();
            List<Integer> rowPages = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = get(child, rows + "?limit=1000"
                        + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), reader);
                page.get("rows").forEach(row -> read.add(row.get("id").asText()));
                rowPages.add(page.get("rows").size());
                cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            } while (cursor != null);
            assertTrue(rowPages.get(0) < ROWS, () -> "the first page stops early: " + rowPages);
            assertEquals(ROWS, read.size(), () -> "every row once: " + rowPages);
            assertEquals(new HashSet<>(inserted), new HashSet<>(read), "every row once");

            List<Long> seqs = new ArrayList<>();
            List<Integer> eventPages = new ArrayList<>();
            long after = 0;
            while (true) {
                JsonNode page = get(child, "/api/v1/bases/" + base + "/events?after=" + after + "&limit=1000", reader);
                JsonNode events = page.get("events");
                eventPages.add(events.size());
                if (events.isEmpty()) {
                    break;
                }
                events.forEach(event -> seqs.add(event.get("seq").asLong()));
                after = events.get(events.size() - 1).get("seq").asLong();
                if (after == page.get("lastSeq").asLong()) {
                    break;
                }
            }
            assertTrue(eventPages.get(0) < ROWS, () -> "the first page of the feed stops early: " + eventPages);
            List<Long> expected = new ArrayList<>();
            for (long seq = 1; seq <= ROWS; seq++) {
                expected.add(seq);
            }
            assertEquals(expected, seqs, "every event once, in seq order");

            ChildApi.Target other = admin.webhookedTable("Other", receiver.url());
            admin.insert(other, "after the large reads", 1);
            Receiver.awaitUntil(Duration.ofSeconds(20), () -> !receiver.received().isEmpty());
            assertEquals(1, receiver.received().size(), () -> "the other base's row is delivered; log:\n" + child.log());
            assertTrue(child.isAlive());
            assertFalse(child.log().contains("OutOfMemoryError"), () -> "no heap ran out; log:\n" + child.log());
        }
    }

    /** Each row in a request of its own (just under the 1 MiB body limit), four at a time; their ids in order. */
    private List<String> insertLargeRows(ChildApi admin, String rows) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (int r = 0; r < ROWS; r++) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (int c = 0; c < COLUMNS; c++) {
                    values.put("C" + c, Character.toString('a' + (r + c) % 26).repeat(CELL_CHARS));
                }
                ids.add(writers.submit(() -> admin.post(rows, Map.of("rows", List.of(values)))
                        .get("rows").get(0).get("id").asText()));
            }
            List<String> inserted = new ArrayList<>();
            for (Future<String> id : ids) {
                inserted.add(id.get());
            }
            return inserted;
        } finally {
            writers.shutdownNow();
        }
    }

    private JsonNode get(ChildBasehook child, String path, String token) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(child.baseUrl() + path))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), () -> "GET " + path + ": " + response.body());
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
