package io.basehook.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REST API of one Basehook instance, called as the admin: what the fault tests set up, write and read back. */
final class ChildApi {

    /** A table whose base has one webhook: where rows are written, the base whose feed lists their events. */
    record Target(String base, String webhook, String rows) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String root;

    ChildApi(String baseUrl) {
        this.root = baseUrl;
    }

    /** A new base with one table and one webhook to {@code url}. */
    Target webhookedTable(String name, String url) {
        String base = post("/api/v1/bases", Map.of("name", name)).get("id").asText();
        String webhook = post("/api/v1/bases/" + base + "/webhooks", Map.of("url", url)).get("id").asText();
        String table = post("/api/v1/bases/" + base + "/tables", Map.of("name", "T")).get("id").asText();
        return new Target(base, webhook, "/api/v1/bases/" + base + "/tables/" + table + "/rows");
    }

    /** A new table of {@code count} long-text columns {@code C0}, {@code C1}, ... in {@code base}; answers its rows path. */
    String longTextTable(String base, int count) {
        List<Map<String, String>> columns = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            columns.add(Map.of("name", "C" + c, "type", "long-text"));
        }
        String table = post("/api/v1/bases/" + base + "/tables", Map.of("name", "Large", "columns", columns))
                .get("id").asText();
        return "/api/v1/bases/" + base + "/tables/" + table + "/rows";
    }

    /** Inserts {@code count} rows in one request (one event each). */
    void insert(Target target, String prefix, int count) {
        List<Map<String, Object>> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(Map.of("Name", prefix + " " + i));
        }
        post(target.rows(), Map.of("rows", rows));
    }

    /** Every event id of the base's feed, in seq order. */
    List<String> eventIds(String base) {
        List<String> ids = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = get("/api/v1/bases/" + base + "/events?limit=1000&after=" + after).get("events");
            if (page.isEmpty()) {
                return ids;
            }
            for (JsonNode event : page) {
                ids.add(event.get("id").asText());
                after = event.get("seq").asLong();
            }
        }
    }

    /** Every delivery of the target's webhook, as the list shows it. */
    List<JsonNode> deliveries(Target target) {
        List<JsonNode> deliveries = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = get("/api/v1/bases/" + target.base() + "/webhooks/" + target.webhook()
                    + "/deliveries?limit=1000" + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            page.get("deliveries").forEach(deliveries::add);
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        return deliveries;
    }

    JsonNode post(String path, Object body) {
        HttpResponse<String> response = send("POST", path, body);
        assertTrue(response.statusCode() < 300, () -> "POST " + path + ": " + response.statusCode() + " " + response.body());
        return read(response.body());
    }

    JsonNode get(String path) {
        HttpResponse<String> response = send("GET", path, null);
        assertEquals(200, response.statusCode(), () -> "GET " + path + ": " + response.body());
        return read(response.body());
    }

    /** Any call, its answer as it came (also a 5xx); an unreachable instance throws. */
    HttpResponse<String> send(String method, String path, Object body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(root + path))
                    // while the database is away a request first waits for a connection (Hikari connection-timeout)
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + RunningBasehook.ADMIN_TOKEN)
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
