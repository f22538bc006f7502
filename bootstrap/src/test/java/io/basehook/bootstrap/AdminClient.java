package io.basehook.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.basehook.bootstrap.RunningBasehook.Answer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The admin's HTTP calls to any instance (a {@link ChildBasehook} too), plus the few steps every fault test takes. */
final class AdminClient {

    private final URI root;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    AdminClient(String baseUrl) {
        this.root = URI.create(baseUrl + "/");
    }

    Answer call(String method, String path, Object body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(root.resolve(path.startsWith("/") ? path.substring(1) : path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + RunningBasehook.ADMIN_TOKEN).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode parsed = response.body() == null || response.body().isEmpty() ? null : json.readTree(response.body());
            return new Answer(response.statusCode(), parsed, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The call's JSON body, after asserting its status. */
    JsonNode ok(int status, String method, String path, Object body) {
        Answer answer = call(method, path, body);
        assertEquals(status, answer.status(), () -> method + " " + path + ": " + answer.raw().body());
        return answer.body();
    }

    /** A new base; answers its API path {@code /api/v1/bases/<id>}. */
    String base(String name) {
        return "/api/v1/bases/" + ok(201, "POST", "/api/v1/bases", Map.of("name", name)).get("id").asText();
    }

    /** A new table with the default {@code Name} column; answers its rows path. */
    String rows(String base) {
        return base + "/tables/" + ok(201, "POST", base + "/tables", Map.of("name", "T")).get("id").asText() + "/rows";
    }

    /** A new webhook of {@code base}; answers its API path. */
    String webhook(String base, String url) {
        return base + "/webhooks/" + ok(201, "POST", base + "/webhooks", Map.of("url", url)).get("id").asText();
    }

    /** Inserts {@code count} rows named {@code prefix-i} in one batch. */
    void insert(String rows, String prefix, int count) {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(Map.of("Name", prefix + "-" + i));
        }
        ok(201, "POST", rows, Map.of("rows", batch));
    }

    /** Every delivery of a webhook (of one status, or all when null), newest first as the log lists them. */
    List<JsonNode> deliveries(String webhook, String status) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = ok(200, "GET", webhook + "/deliveries?limit=1000"
                    + (status == null ? "" : "&status=" + status) + (cursor == null ? "" : "&cursor=" + cursor), null);
            page.get("deliveries").forEach(all::add);
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        return all;
    }
}
