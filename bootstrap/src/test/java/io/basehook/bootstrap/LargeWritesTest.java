package io.basehook.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Rounds of many inserts of about 1 MiB at once into an instance with a 256 MiB heap, while the webhook's endpoint
 * is down: each insert is written (201) or turned away for now (503 with Retry-After), never a 500; what was written
 * is readable, and once the endpoint is back every delivery arrives, their retries claimed together; then a small
 * insert is still delivered.
 */
class LargeWritesTest {

    private static final int PARALLEL = 35;
    private static final int ROUNDS = 3;
    private static final int COLUMNS = 10;
    private static final int CHARS = 99_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void parallelLargeInsertsAreWrittenOrTurnedAwayAndTheirDeliveriesArrive() throws Exception {
        String database = SeparateDatabase.fresh("large_writes");
        try (RowReceiver receiver = new RowReceiver();
             ChildBasehook child = ChildBasehook.start(database,
                     Map.of("BASEHOOK_DELIVERY_RETRY_SCHEDULE", "1s,2s,2s,5s,10s,20s,30s"))) {
            ChildApi api = new ChildApi(child.baseUrl());
            String base = api.post("/api/v1/bases", Map.of("name", "Large")).get("id").asText();
            api.post("/api/v1/bases/" + base + "/webhooks", Map.of("url", receiver.url()));
            String rows = api.longTextTable(base, COLUMNS);

            receiver.status = 503; // every first attempt fails: their retries come due, and are claimed, together
            Set<String> written = new HashSet<>();
            for (int round = 0; round < ROUNDS; round++) {
                for (HttpResponse<String> answer : insertAtOnce(api, rows, round)) {
                    if (answer.statusCode() == 201) {
                        written.add(JSON.readTree(answer.body()).get("rows").get(0).get("id").asText());
                    } else if (answer.statusCode() == 503) {
                        assertNotNull(answer.headers().firstValue("Retry-After").orElse(null), answer::toString);
                        assertTrue(answer.headers().firstValue("Content-Type").orElse("").contains("problem+json"));
                    } else {
                        fail("a large insert answered " + answer.statusCode() + ": " + answer.body() + "\nlog:\n"
                                + tail(child.log()));
                    }
                }
            }
            assertFalse(written.isEmpty(), "no large insert was written");
            for (String id : written) {
                JsonNode row = api.get(rows + "/" + id);
                assertEquals(CHARS, row.get("values").get("C0").asText().length());
            }

            receiver.status = 200;
            Receiver.awaitUntil(Duration.ofSeconds(120), () -> receiver.delivered.containsAll(written));
            assertTrue(receiver.delivered.containsAll(written), () -> "delivered " + receiver.delivered.size()
                    + " of " + written.size() + " written rows; log:\n" + tail(child.log()));

            String small = api.post(rows, Map.of("rows", List.of(Map.of("C0", "small")))).get("rows").get(0)
                    .get("id").asText();
            Receiver.awaitUntil(Duration.ofSeconds(30), () -> receiver.delivered.contains(small));
            assertTrue(receiver.delivered.contains(small), "the small insert after them was not delivered");
            assertTrue(child.isAlive());
            assertFalse(child.log().contains("OutOfMemoryError"), () -> tail(child.log()));
        }
    }

    private static List<HttpResponse<String>> insertAtOnce(ChildApi api, String rows, int round) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                Map<String, Object> row = largeRow(round * PARALLEL + i);
                sent.add(clients.submit(() -> api.send("POST", rows, Map.of("rows", List.of(row)))));
            }
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : sent) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            clients.shutdownNow();
        }
    }

    private static Map<String, Object> largeRow(int i) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int c = 0; c < COLUMNS; c++) {
            row.put("C" + c, String.valueOf((char) ('a' + (i + c) % 26)).repeat(CHARS));
        }
        return row;
    }

    private static String tail(String log) {
        return log.length() <= 8000 ? log : log.substring(log.length() - 8000);
    }

    /**
     * A webhook endpoint that answers {@link #status} and keeps, of what it accepted, only the ids of the inserted
     * rows: a test JVM holding every 1 MiB body of every attempt would run out itself.
     */
    private static final class RowReceiver implements AutoCloseable {
        private final HttpServer server;
        private final Set<String> delivered = ConcurrentHashMap.newKeySet();
        private volatile int status = 200;

        RowReceiver() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", exchange -> {
                int answer = status;
                try (InputStream in = exchange.getRequestBody()) {
                    JsonNode data = JSON.readTree(in).path("data");
                    if (answer == 200 && "insert_row".equals(data.path("op_type").asText())) {
                        delivered.add(data.get("row_id").asText());
                    }
                } finally {
                    exchange.sendResponseHeaders(answer, -1);
                    exchange.close();
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
