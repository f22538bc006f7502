package io.basehook.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.basehook.bootstrap.Receiver.Received;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing lost on a crash: changes are committed, the instance is killed with SIGKILL while their
 * deliveries hang in flight, a new instance starts on the same database, and every event arrives; a duplicate
 * is allowed only for a delivery that was in flight at the kill (receivers drop it by {@code webhook-id}).
 */
class CrashRecoveryTest {

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    /** Short timeouts so a killed instance's leases run out within the test. */
    private static final Map<String, String> FAST_LEASES = Map.of(
            "BASEHOOK_DELIVERY_TIMEOUT", "2s",
            "BASEHOOK_DELIVERY_LEASE", "4s",
            "BASEHOOK_DELIVERY_RETRY_SCHEDULE", "1s,1s,1s,1s,1s",
            "BASEHOOK_DELIVERY_POLL_INTERVAL", "200ms");

    @Test
    void everyCommittedEventArrivesAfterAKillAndARestart() throws Exception {
        String database = RunningBasehook.get().context().getRequiredProperty("basehook.db.url", String.class);
        try (Receiver receiver = new Receiver()) {
            receiver.hang();
            List<String> eventIds;
            Set<String> inFlightAtKill = new HashSet<>();
            try (ChildBasehook first = ChildBasehook.start(database, FAST_LEASES)) {
                String api = first.baseUrl() + "/api/v1";
                String base = post(api + "/bases", Map.of("name", "Crash")).get("id").asText();
                post(api + "/bases/" + base + "/webhooks", Map.of("url", receiver.url()));
                String table = post(api + "/bases/" + base + "/tables", Map.of("name", "T")).get("id").asText();
                String rows = api + "/bases/" + base + "/tables/" + table + "/rows";
                post(rows, Map.of("rows", List.of(Map.of("Name", "first"))));
                List<Map<String, Object>> batch = new ArrayList<>();
                for (int i = 0; i < 11; i++) {
                    batch.add(Map.of("Name", "row " + i));
                }
                post(rows, Map.of("rows", batch));
                eventIds = new ArrayList<>();
                get(api + "/bases/" + base + "/events?limit=100").get("events")
                        .forEach(event -> eventIds.add(event.get("id").asText()));
                assertEquals(12, eventIds.size());

                Receiver.awaitUntil(Duration.ofSeconds(20), () -> !receiver.received().isEmpty());
                first.kill();
                // everything the dead instance sent is still hanging at the receiver, unanswered
                receiver.received().forEach(request -> inFlightAtKill.add(request.header("webhook-id")));
                assertTrue(!inFlightAtKill.isEmpty(), "some deliveries are in flight when the instance dies");
            }
            receiver.release();

            try (ChildBasehook second = ChildBasehook.start(database, FAST_LEASES)) {
                Receiver.awaitUntil(Duration.ofSeconds(60), () -> distinctIds(receiver).containsAll(eventIds));
                assertTrue(distinctIds(receiver).containsAll(eventIds), () -> "missing after restart: "
                        + eventIds.stream().filter(id -> !distinctIds(receiver).contains(id)).toList()
                        + "\n" + second.log());
            }
            Map<String, Integer> counts = new HashMap<>();
            receiver.received().forEach(request -> counts.merge(request.header("webhook-id"), 1, Integer::sum));
            counts.forEach((id, count) -> assertTrue(count == 1 || inFlightAtKill.contains(id),
                    "only a delivery in flight at the kill may arrive twice: " + id));
        }
    }

    private static Set<String> distinctIds(Receiver receiver) {
        Set<String> ids = new HashSet<>();
        for (Received request : receiver.received()) {
            ids.add(request.header("webhook-id"));
        }
        return ids;
    }

    private JsonNode post(String url, Object body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + RunningBasehook.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() < 300, response::body);
        return json.readTree(response.body());
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + RunningBasehook.ADMIN_TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response::body);
        return json.readTree(response.body());
    }
}
