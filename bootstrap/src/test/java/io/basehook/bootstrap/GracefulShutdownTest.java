package io.basehook.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.basehook.bootstrap.ChildApi.Target;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shutdown: on SIGTERM an instance stops claiming, finishes the attempts it has in flight, records
 * them and exits by itself. Nothing is left leased: with a lease of a minute the next instance still sends the
 * rest at once, every delivery ends succeeded after one attempt, and nothing arrives twice.
 */
class GracefulShutdownTest {

    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final Map<String, String> SETTINGS = Map.of(
            "BASEHOOK_DELIVERY_TIMEOUT", "2s",
            // a delivery left leased would be stuck for a minute: longer than the test waits
            "BASEHOOK_DELIVERY_LEASE", "60s",
            "BASEHOOK_DELIVERY_RETRY_SCHEDULE", "200ms,200ms,500ms,1s",
            "BASEHOOK_DELIVERY_POLL_INTERVAL", "100ms",
            "BASEHOOK_DELIVERY_SHUTDOWN_GRACE", GRACE.toSeconds() + "s");

    @Test
    void sigtermFinishesTheAttemptsInFlightAndLeavesNothingLeased() throws Exception {
        String database = RunningBasehook.get().context().getRequiredProperty("basehook.db.url", String.class);
        try (Receiver receiver = new Receiver()) {
            // each answer takes a while, so the burst is still being delivered when the signal comes
            receiver.delay(Duration.ofMillis(100));
            Target target;
            List<String> eventIds;
            Set<String> beforeRestart;
            try (ChildBasehook first = ChildBasehook.start(database, SETTINGS)) {
                ChildApi api = new ChildApi(first.baseUrl());
                target = api.webhookedTable("Shutdown", receiver.url());
                for (int i = 0; i < 10; i++) {
                    api.insert(target, "batch " + i, 60);
                }
                eventIds = api.eventIds(target.base());
                assertEquals(600, eventIds.size());
                Receiver.awaitUntil(Duration.ofSeconds(20), () -> receiver.received().size() >= 50);

                // from now on answers wait: the attempts in flight at the signal stay in flight until released
                receiver.hang();
                CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
                    try {
                        return first.terminate(GRACE.plusSeconds(20));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                });
                Receiver.awaitUntil(Duration.ofSeconds(10), () -> first.log().contains("Embedded Application shutting down"));
                Thread.sleep(500);
                assertTrue(receiver.unanswered() > 0, "attempts are in flight during the shutdown");
                assertTrue(first.isAlive(), "the instance waits for its attempts in flight instead of exiting");
                receiver.release();

                // 143 = 128 + SIGTERM: Micronaut's shutdown hook stops the context and the JVM ends on the signal
                int code = exit.get(GRACE.plusSeconds(30).toSeconds(), TimeUnit.SECONDS);
                assertTrue(code == 143 || code == 0, "exit code " + code);
                String log = first.log();
                assertTrue(log.contains("Delivery loop stopped; 0 deliveries were still held"), log);
                beforeRestart = receiver.countsById().keySet();
                assertTrue(beforeRestart.size() < eventIds.size(), "the signal came mid-run");
            }

            try (ChildBasehook second = ChildBasehook.start(database, SETTINGS)) {
                Receiver.awaitUntil(Duration.ofSeconds(30), () -> receiver.countsById().keySet().containsAll(eventIds));
                assertTrue(receiver.countsById().keySet().containsAll(eventIds), () -> "missing after the restart: "
                        + eventIds.stream().filter(id -> !receiver.countsById().containsKey(id)).count()
                        + " events\n" + second.log());
                // the attempts answered during the shutdown were recorded: none is pending behind a lease or sent again
                ChildApi api = new ChildApi(second.baseUrl());
                // the last answers reach the receiver a moment before their outcome is recorded
                Receiver.awaitUntil(Duration.ofSeconds(10), () -> api.deliveries(target).stream()
                        .allMatch(delivery -> delivery.get("status").asText().equals("succeeded")));
                List<JsonNode> deliveries = api.deliveries(target);
                assertEquals(eventIds.size(), deliveries.size());
                deliveries.forEach(delivery -> {
                    assertEquals("succeeded", delivery.get("status").asText(), delivery::toString);
                    assertEquals(1, delivery.get("attempts").asInt(), delivery::toString);
                });
            }
            receiver.countsById().forEach((id, count) -> assertEquals(1, count, () -> id + " arrived " + count + " times"
                    + (beforeRestart.contains(id) ? " (first before the SIGTERM)" : "")));
        }
    }
    /**
     * On its own embedded MariaDB an instance stops the database after the application: deliveries retried and in
     * flight at the signal are recorded, the pool finds no server gone, and the server does not outlive the JVM.
     */
    @Test
    void sigtermStopsTheEmbeddedDatabaseOnlyAfterTheDeliveries() throws Exception {
        Path folder = Files.createTempDirectory("basehook-shutdown");
        Map<String, String> settings = new HashMap<>(SETTINGS);
        settings.put("BASEHOOK_DATA_DIR_DISPOSABLE", "true");
        // half a second apart for a good while: deliveries are still being retried at the signal
        settings.put("BASEHOOK_DELIVERY_RETRY_SCHEDULE", String.join(",", Collections.nCopies(40, "500ms")));
        try (Receiver receiver = new Receiver()) {
            receiver.answer(500);
            int port;
            try (ChildBasehook child = ChildBasehook.startEmbedded(folder, settings)) {
                ChildApi api = new ChildApi(child.baseUrl());
                Target target = api.webhookedTable("Embedded shutdown", receiver.url());
                api.insert(target, "retried", 20);
                // every delivery failed at least once and is being retried
                Receiver.awaitUntil(Duration.ofSeconds(30), () -> receiver.countsById().size() == 20
                        && receiver.countsById().values().stream().allMatch(count -> count >= 2));
                port = child.embeddedDatabasePort();

                // the attempts in flight at the signal are answered only after a stopping database would be gone
                receiver.hang();
                CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
                    try {
                        return child.terminate(GRACE.plusSeconds(30));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                });
                Receiver.awaitUntil(Duration.ofSeconds(10), () -> child.log().contains("Embedded Application shutting down"));
                Thread.sleep(3000);
                receiver.release();
                int code = exit.get(GRACE.plusSeconds(40).toSeconds(), TimeUnit.SECONDS);
                assertTrue(code == 143 || code == 0, "exit code " + code);
                String log = child.log();
                assertTrue(log.contains("Delivery loop stopped; 0 deliveries were still held"), log);
                assertFalse(log.contains("Failed to validate connection"), log);
                assertFalse(log.contains("database cannot be reached"), log);
                assertFalse(log.contains("Delivery turn failed"), log);
            }
            // nothing listens on the database's port once the JVM is gone
            assertThrows(IOException.class, () -> new Socket("127.0.0.1", port).close());
        } finally {
            EmbeddedMariaDbTest.deleteRecursively(folder);
        }
    }
}
