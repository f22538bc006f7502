package io.basehook.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * In a 256 MiB heap, 100 inserts of about 1 MiB whose bodies are all in flight, and 32 reads of pages of 1 MiB rows, at once: each answers 2xx, 413
 * or 503 with Retry-After, never a 500, the heap never runs out, and a small insert is delivered afterwards.
 */
class RequestMemoryTest {

    private static final int INSERTS = 100;
    private static final int READS = 32;
    private static final int STORED_ROWS = 8;
    private static final int COLUMNS = 10;
    private static final int CHARS = 99_000;
    private static final int TAIL = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void manyLargeRequestsAtOnceAreAnsweredOrTurnedAwayAndDeliveryCarriesOn() throws Exception {
        String database = SeparateDatabase.fresh("request_memory");
        try (Receiver receiver = new Receiver();
             ChildBasehook child = ChildBasehook.start(database, Map.of(), List.of("-Xmx256m"))) {
            ChildApi api = new ChildApi(child.baseUrl());
            String base = api.post("/api/v1/bases", Map.of("name", "Large")).get("id").asText();
            String rows = api.longTextTable(base, COLUMNS);
            byte[] largeInsert = JSON.writeValueAsBytes(Map.of("rows", List.of(largeRow())));
            for (int i = 0; i < STORED_ROWS; i++) {
                HttpResponse<String> stored = send(child, "POST", rows, largeInsert);
                assertTrue(stored.statusCode() == 201, stored::body);
            }

            // every insert's head and all but the end of its body arrive first; then all ends, and the page reads, at once
            List<Socket> uploads = new ArrayList<>();
            ExecutorService clients = Executors.newFixedThreadPool(INSERTS + READS);
            try {
                for (int i = 0; i < INSERTS; i++) {
                    uploads.add(startUpload(child, rows, largeInsert));
                }
                List<Future<String>> answers = new ArrayList<>();
                for (Socket upload : uploads) {
                    answers.add(clients.submit(() -> finishUpload(upload, largeInsert)));
                }
                for (int i = 0; i < READS; i++) {
                    String page = i % 2 == 0 ? rows + "?limit=1000" : "/api/v1/bases/" + base + "/events?after=0&limit=1000";
                    answers.add(clients.submit(() -> head(send(child, "GET", page, null))));
                }
                int admitted = 0;
                for (Future<String> answer : answers) {
                    String head = answer.get();
                    if (head.startsWith("HTTP/1.1 503")) {
                        assertTrue(head.toLowerCase().contains("retry-after:"), head);
                    } else if (head.startsWith("HTTP/1.1 2")) {
                        admitted++;
                    } else if (!head.startsWith("HTTP/1.1 413")) {
                        fail("answered " + head + "\nlog:\n" + tail(child.log()));
                    }
                }
                assertTrue(admitted > 0, "nothing was admitted");
            } finally {
                clients.shutdownNow();
                for (Socket upload : uploads) {
                    upload.close();
                }
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

    private static Socket startUpload(ChildBasehook child, String rows, byte[] body) throws IOException {
        Socket socket = new Socket("127.0.0.1", URI.create(child.baseUrl()).getPort());
        socket.setSoTimeout(60_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + rows + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + RunningBasehook.ADMIN_TOKEN
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body, 0, body.length - TAIL);
        out.flush();
        return socket;
    }

    /** Sends the rest of the body and gives the status line and headers of the answer. */
    private static String finishUpload(Socket socket, byte[] body) throws IOException {
        try {
            socket.getOutputStream().write(body, body.length - TAIL, TAIL);
            socket.getOutputStream().flush();
        } catch (IOException refusedAndClosed) {
            // a refused upload may be closed before its end is sent: its answer is still there to read
        }
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        int c;
        while (!head.toString().endsWith("\r\n\r\n") && (c = in.read()) >= 0) {
            head.append((char) c);
        }
        return head.toString();
    }

    private static String head(HttpResponse<String> response) {
        StringBuilder head = new StringBuilder("HTTP/1.1 " + response.statusCode() + "\r\n");
        response.headers().map().forEach((name, values) -> head.append(name).append(": ").append(values.get(0)).append("\r\n"));
        return head.append("\r\n").append(response.body()).toString();
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
