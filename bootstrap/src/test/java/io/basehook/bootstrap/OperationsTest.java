package io.basehook.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Operations: {@code /health} reports the database, and {@code /prometheus} (no token) has the delivery
 * meters of {@code DeliveryMeters} under Micrometer's Prometheus names, which move with a delivery. A child instance
 * on a database of its own, so the open deliveries it counts are this test's alone.
 */
class OperationsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SUCCEEDED = "basehook_delivery_attempts_total{outcome=\"succeeded\"}";
    private static final String RETRYING = "basehook_delivery_attempts_total{outcome=\"retrying\"}";
    private static final String FAILED = "basehook_delivery_attempts_total{outcome=\"failed\"}";
    private static final String ATTEMPTS_TIMED = "basehook_delivery_attempt_duration_seconds_count";
    private static final String ATTEMPT_SECONDS = "basehook_delivery_attempt_duration_seconds_sum";
    private static final String OPEN = "basehook_deliveries_open";
    private static final String OLDEST_AGE = "basehook_deliveries_oldest_open_age_seconds";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void healthIsUpWithTheDatabaseAndTheDeliveryMetersMoveWithADelivery() throws Exception {
        try (Receiver receiver = new Receiver();
             ChildBasehook child = ChildBasehook.start(SeparateDatabase.fresh("operations"), Map.of(
                     "BASEHOOK_DELIVERY_POLL_INTERVAL", "100ms"))) {
            HttpResponse<String> healthAnswer = get(child, "/health", RunningBasehook.ADMIN_TOKEN);
            assertEquals(200, healthAnswer.statusCode(), healthAnswer::body);
            JsonNode health = json.readTree(healthAnswer.body());
            assertEquals("UP", health.get("status").asText());
            assertEquals("UP", health.get("details").get("jdbc").get("status").asText(), "the database is part of it");

            Map<String, Double> idle = metrics(child);
            for (String name : new String[] {SUCCEEDED, RETRYING, FAILED, ATTEMPTS_TIMED, ATTEMPT_SECONDS, OPEN, OLDEST_AGE}) {
                assertEquals(0.0, idle.get(name), () -> name + " on a fresh instance, in " + idle.keySet());
            }
            assertTrue(idle.keySet().stream().anyMatch(name -> name.startsWith("basehook_delivery_attempt_duration_seconds_bucket{")),
                    "attempt latency as a histogram");

            // three deliveries held open by the receiver
            receiver.hang();
            AdminClient api = new AdminClient(child.baseUrl());
            String base = api.base("Metrics");
            api.webhook(base, receiver.url());
            api.insert(api.rows(base), "row", 3);
            Receiver.awaitUntil(WAIT, () -> metrics(child).get(OPEN) == 3 && metrics(child).get(OLDEST_AGE) > 0);
            Map<String, Double> open = metrics(child);
            assertEquals(3.0, open.get(OPEN), "pending deliveries");
            assertTrue(open.get(OLDEST_AGE) > 0, "the age of the oldest");
            assertEquals(0.0, open.get(SUCCEEDED), "nothing has finished yet");

            receiver.release();
            Receiver.awaitUntil(WAIT, () -> metrics(child).get(SUCCEEDED) == 3 && metrics(child).get(OPEN) == 0);
            Map<String, Double> done = metrics(child);
            assertEquals(3.0, done.get(SUCCEEDED), "one per finished attempt, by its outcome");
            assertEquals(0.0, done.get(RETRYING));
            assertEquals(3.0, done.get(ATTEMPTS_TIMED), "every attempt's latency is recorded");
            assertTrue(done.get(ATTEMPT_SECONDS) > 0);
            assertEquals(0.0, done.get(OPEN));
            assertEquals(0.0, done.get(OLDEST_AGE), "no open delivery, no age");
        }
    }

    /** The samples of {@code /prometheus}, by name with labels; asked without a token. */
    private Map<String, Double> metrics(ChildBasehook child) {
        HttpResponse<String> answer = get(child, "/prometheus");
        assertEquals(200, answer.statusCode(), answer::body);
        Map<String, Double> samples = new HashMap<>();
        answer.body().lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        });
        return samples;
    }

    private HttpResponse<String> get(ChildBasehook child, String path) {
        return get(child, path, null);
    }

    private HttpResponse<String> get(ChildBasehook child, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(child.baseUrl() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
