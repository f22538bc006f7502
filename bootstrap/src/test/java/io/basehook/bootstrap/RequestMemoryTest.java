package io.basehook.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * In a 256 MiB heap, 100 inserts of about 1 MiB and 32 reads of pages of 1 MiB rows at once: each answers 2xx, 413
 * or 503 with Retry-After, never a 500, the heap never runs out, and a small insert is delivered afterwards.
 */
class RequestMemoryTest {

    private static final int INSERTS = 100;
    private static final int READS = 32;
    private static final int STORED_ROWS = 8;
    private static final int COLUMNS = 10;
    private static final int CHARS = 99_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void manyLargeRequestsAtOnceAreAnsweredOrTurnedAwayAndDeliveryCarriesOn() throws Exception {
        String database = SeparateDatabase.fresh("request_memory");
        try (Receiver receiver = new Receiver();
             ChildBasehook child = ChildBasehook.start(database, Map.of(), List.of("-Xmx256m"))) {
            ChildApi api = new ChildApi(child.baseUrl());
            String base = api.post("/api/v1/bases", Map.of("name", "Large")).get("id").asText();
            List<Map<String, String>> columns = new ArrayList<>();
            for (int c = 0; c < COLUMNS; c++) {
                columns.add(Map.of("name", "C" + c, "type", "long-text"));
            }
            String table = api.post("/api/v1/bases/" + base + "/tables", Map.of("name", "T", "columns", columns))
                    .get("id").asText();
            String rows = "/api/v1/bases/" + base + "/tables/" + table + "/rows";
            byte[] largeInsert = JSON.writeValueAsBytes(Map.of("rows", List.of(largeRow())));
            for (int i = 0; i < STORED_ROWS; i++) {
                HttpResponse<String> stored = send(child, "POST", rows, largeInsert);
                assertTrue(stored.statusCode() == 201, stored::body);
            }

            ExecutorService clients = Executors.newFixedThreadPool(INSERTS + READS);
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            try {
                for (int i = 0; i < INSERTS + READS; i++) {
                    int n = i;
                    sent.add(clients.submit(() -> n % 4 == 3 && n / 4 < READS
                            ? send(child, "GET", (n % 8 == 3 ? rows : "/api/v1/bases/" + base + "/events")
                            + "?limit=1000" + (n % 8 == 3 ? "" : "&after=0"), null)
                            : send(child, "POST", rows, largeInsert)));
                }
                int admitted = 0;
                for (Future<HttpResponse<String>> answer : sent) {
                    HttpResponse<String> response = answer.get();
                    int status = response.statusCode();
                    if (status == 503) {
                        assertTrue(response.headers().firstValue("Retry-After").isPresent(), response::toString);
                    } else if (status / 100 == 2) {
                        admitted++;
                    } else if (status != 413) {
                        fail(response.request().method() + " answered " + status + ": " + response.body()
                                + "\nlog:\n" + tail(child.log()));
                    }
                }
                assertTrue(admitted > 0, "nothing was admitted");
            } finally {
                clients.shutdownNow();
            }

            api.post("/api/v1/bases/" + base + "/webhooks", Map.of("url", receiver.url()));
            String small = api.post(rows, Map.of("rows", List.of(Map.of("C0", "small")))).get("rows").get(0)
                    .get("id").asText();
            Receiver.awaitUntil(Duration.ofSeconds(30), () -> receiver.received().stream()
                    .anyMatch(request -> request.body().contains(small)));
            assertTrue(receiver.received().stream().anyMatch(request -> request.body().contains(small)),
                    () -> "the small insert was not delivered; log:\n" + tail(child.log()));
            assertTrue(child.isAlive());
            assertFalse(child.log().contains("OutOfMemoryError"), () -> tail(child.log()));
        }
    }

    private HttpResponse<String> send(ChildBasehook child, String method, String path, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(child.baseUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + RunningBasehook.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> largeRow() {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int c = 0; c < COLUMNS; c++) {
            row.put("C" + c, String.valueOf((char) ('a' + c)).repeat(CHARS));
        }
        return row;
    }

    private static String tail(String log) {
        return log.length() <= 8000 ? log : log.substring(log.length() - 8000);
    }
}
