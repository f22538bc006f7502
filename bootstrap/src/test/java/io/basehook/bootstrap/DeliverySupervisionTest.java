package io.basehook.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Self-healing: the delivery loop's thread, hit by an {@link OutOfMemoryError} in its claim (see {@link ClaimFaults}),
 * is started again and delivers what waited; while it cannot make progress {@code /health} is {@code DOWN} (503),
 * and {@code UP} again once it does. An instance of its own, in this JVM, on a database of its own.
 */
class DeliverySupervisionTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ApplicationContext context;
    private static String url;

    @BeforeAll
    static void start() {
        context = Basehook.start(new String[0], Map.of(
                "micronaut.server.port", -1,
                "basehook.db.url", SeparateDatabase.fresh("supervision"),
                // the embedded server wants the password it generated; an external one, the configured login
                "basehook.db.user", RunningBasehook.get().databaseUser(),
                "basehook.db.password", RunningBasehook.get().databasePassword(),
                "basehook.admin-token", RunningBasehook.ADMIN_TOKEN,
                "basehook.webhooks.allow-private-addresses", true,
                "basehook.delivery.poll-interval", "100ms",
                "basehook.delivery.timeout", "1s",
                "basehook.delivery.stalled-after", "3s",
                "basehook.test.claim-faults", true));
        url = context.getBean(EmbeddedServer.class).getURI().toString();
    }

    @AfterEach
    void healClaims() {
        ClaimFaults.ON.set(false);
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void aLoopKilledByAnErrorComesBackAndDeliversWhatWaited() throws Exception {
        try (Receiver receiver = new Receiver()) {
            AdminClient api = new AdminClient(url);
            String base = api.base("Killed");
            ClaimFaults.ON.set(true);
            int thrownBefore = ClaimFaults.THROWN.get();
            api.webhook(base, receiver.url());
            api.insert(api.rows(base), "row", 1);
            Receiver.awaitUntil(WAIT, () -> ClaimFaults.THROWN.get() > thrownBefore);
            assertTrue(receiver.received().isEmpty(), "no claim, no delivery");

            ClaimFaults.ON.set(false);
            Receiver.awaitUntil(WAIT, () -> receiver.received().size() == 1);
            assertEquals(1, receiver.received().size(), "the loop came back and delivered the pending row");
        }
    }

    @Test
    void healthIsDownWhileDeliveryCannotProgressAndUpOnceItDoes() throws Exception {
        try (Receiver receiver = new Receiver()) {
            assertEquals(200, health().statusCode(), () -> health().body());
            AdminClient api = new AdminClient(url);
            String base = api.base("Stalled");
            ClaimFaults.ON.set(true);
            api.webhook(base, receiver.url());
            api.insert(api.rows(base), "row", 1);

            Receiver.awaitUntil(WAIT, () -> health().statusCode() == 503);
            HttpResponse<String> down = health();
            assertEquals(503, down.statusCode(), down::body);
            assertEquals("DOWN", JSON.readTree(down.body()).get("status").asText());
            JsonNode details = adminHealth().get("details");
            assertEquals("DOWN", details.get("delivery").get("status").asText(), details::toString);
            assertTrue(receiver.received().isEmpty());

            ClaimFaults.ON.set(false);
            Receiver.awaitUntil(WAIT, () -> receiver.received().size() == 1);
            Receiver.awaitUntil(WAIT, () -> health().statusCode() == 200);
            HttpResponse<String> up = health();
            assertEquals(200, up.statusCode(), up::body);
            assertEquals("UP", JSON.readTree(up.body()).get("status").asText());
            assertEquals("UP", adminHealth().get("details").get("delivery").get("status").asText());
        }
    }

    private static HttpResponse<String> health() {
        return get(null);
    }

    private static JsonNode adminHealth() throws IOException {
        return JSON.readTree(get(RunningBasehook.ADMIN_TOKEN).body());
    }

    private static HttpResponse<String> get(String token) {
        return RunningBasehook.httpGet(URI.create(url).resolve("/health"), token);
    }
}
