package io.basehook.benchmark;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Basehook's public REST API, only the calls the benchmark needs. */
final class BasehookApi {

    /** An answer other than the expected status, or no answer at all. */
    static final class ApiException extends IOException {
        ApiException(String message) {
            super(message);
        }
    }

    /** A change-feed entry: enough to know which event a webhook must receive and which change it belongs to. */
    record FeedEvent(long seq, String id, String rowId, String opType) {
    }

    private static final JsonFactory JSON_FACTORY = new JsonFactory();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final ObjectMapper mapper = new ObjectMapper();
    private final URI root;
    private final String authorization;
    // the setup and check calls (bases, tables, webhooks, feed, health): few, so the JDK client is fine for them
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    // the load calls: a blocking keep-alive client, one connection per load thread, so the load generator does not
    // take the CPU it measures (java.net.http hands every request to its selector thread and an executor);
    // null for an https root, which keeps java.net.http
    private final LeanHttpClient lean;

    BasehookApi(URI root, String token) {
        this.root = root;
        this.authorization = "Bearer " + token;
        this.lean = "http".equalsIgnoreCase(root.getScheme())
                ? new LeanHttpClient(root.getHost(), root.getPort() < 0 ? 80 : root.getPort(), authorization,
                (int) REQUEST_TIMEOUT.toMillis())
                : null;
    }

    URI root() {
        return root;
    }

    boolean healthy() {
        try {
            HttpRequest request = HttpRequest.newBuilder(root.resolve("/health")).timeout(Duration.ofSeconds(5)).GET().build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String createBase(String name) throws IOException, InterruptedException {
        ObjectNode body = mapper.createObjectNode().put("name", name);
        return send("POST", "/api/v1/bases", body.toString(), 201).get("id").asText();
    }

    /** A table with the four everyday column types; the first (text) names the row. */
    String createTable(String baseId) throws IOException, InterruptedException {
        String body = """
                {"name":"Deals","columns":[
                 {"name":"Name","type":"text"},
                 {"name":"Amount","type":"number"},
                 {"name":"Done","type":"checkbox"},
                 {"name":"Stage","type":"single-select","options":[{"name":"Lead"},{"name":"Offer"},{"name":"Won"}]}]}""";
        return send("POST", "/api/v1/bases/" + baseId + "/tables", body, 201).get("id").asText();
    }

    String createWebhook(String baseId, URI url, String description) throws IOException, InterruptedException {
        ObjectNode body = mapper.createObjectNode().put("url", url.toString()).put("description", description);
        return send("POST", "/api/v1/bases/" + baseId + "/webhooks", body.toString(), 201).get("id").asText();
    }

    /** Stops a webhook's sends: its open deliveries are parked, new changes queue nothing for it. */
    void disableWebhook(String baseId, String webhookId) throws IOException, InterruptedException {
        ObjectNode body = mapper.createObjectNode().put("enabled", false);
        send("PATCH", "/api/v1/bases/" + baseId + "/webhooks/" + webhookId, body.toString(), 200);
    }

    void deleteBase(String baseId) throws IOException, InterruptedException {
        send("DELETE", "/api/v1/bases/" + baseId, null, 204);
    }

    /** Every event of the base, in seq order, paged through 1,000 at a time. */
    List<FeedEvent> feed(String baseId) throws IOException, InterruptedException {
        List<FeedEvent> events = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = send("GET", "/api/v1/bases/" + baseId + "/events?after=" + after + "&limit=1000", null, 200);
            JsonNode items = page.get("events");
            for (JsonNode item : items) {
                JsonNode data = item.path("payload").path("data");
                events.add(new FeedEvent(item.get("seq").asLong(), item.get("id").asText(),
                        data.path("row_id").asText(null), data.path("op_type").asText(null)));
                after = Math.max(after, item.get("seq").asLong());
            }
            if (items.size() < 1000) {
                return events;
            }
        }
    }

    URI rowsUri(String baseId, String tableId) {
        return root.resolve("/api/v1/bases/" + baseId + "/tables/" + tableId + "/rows");
    }

    URI rowUri(String baseId, String tableId, String rowId) {
        return root.resolve("/api/v1/bases/" + baseId + "/tables/" + tableId + "/rows/" + rowId);
    }

    /** Inserts rows and returns their ids in order. */
    List<String> insertRows(URI rows, String body) throws IOException, InterruptedException {
        byte[] answer = load("POST", rows, body, 201);
        return rowIds(answer);
    }

    void updateRow(URI row, String body) throws IOException, InterruptedException {
        load("PATCH", row, body, 200);
    }

    void deleteRow(URI row) throws IOException, InterruptedException {
        load("DELETE", row, null, 204);
    }

    // a load call: on the lean client when the URI points at the root's server over plain HTTP
    private byte[] load(String method, URI uri, String body, int expected) throws IOException, InterruptedException {
        if (lean == null || !Objects.equals(uri.getRawAuthority(), root.getRawAuthority())) {
            return exchange(method, uri, body, expected);
        }
        String query = uri.getRawQuery();
        LeanHttpClient.Response response = lean.send(method, query == null ? uri.getRawPath() : uri.getRawPath() + "?" + query, body);
        return expect(method, uri, expected, response.status(), response.body());
    }

    private JsonNode send(String method, String path, String body, int expected) throws IOException, InterruptedException {
        byte[] answer = exchange(method, root.resolve(path), body, expected);
        return answer.length == 0 ? mapper.createObjectNode() : mapper.readTree(answer);
    }

    private byte[] exchange(String method, URI uri, String body, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", authorization);
        if (body != null) {
            builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        return expect(method, uri, expected, response.statusCode(), response.body());
    }

    private static byte[] expect(String method, URI uri, int expected, int status, byte[] body) throws ApiException {
        if (status != expected) {
            String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
            throw new ApiException(method + " " + uri.getPath() + " -> " + status + " "
                    + (text.length() > 300 ? text.substring(0, 300) + "…" : text));
        }
        return body;
    }

    // rows[*].id from {"rows":[{"id":…,"values":{…}}]} with the streaming parser: the load loop should cost little CPU
    private static List<String> rowIds(byte[] answer) throws IOException {
        List<String> ids = new ArrayList<>();
        try (JsonParser parser = JSON_FACTORY.createParser(answer)) {
            int depth = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                switch (token) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    case FIELD_NAME -> {
                        if (depth == 3 && parser.currentName().equals("id")) {
                            parser.nextToken();
                            ids.add(parser.getText());
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        return ids;
    }
}
