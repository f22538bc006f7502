package io.basehook.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.basehook.bootstrap.Receiver.Reply;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Auto-disable with the period cut to 2 s: an endpoint that fails every attempt for that long gets its webhook
 * disabled, one that fails once and then answers is never disabled, a disabled webhook gets no new deliveries while the
 * change feed goes on, and one PATCH revives it and sends what it held back.
 */
class AutoDisableTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** 5 s of quick retries: longer than the 2 s after which a failing webhook is disabled. */
    private static final String SCHEDULE = String.join(",", Collections.nCopies(20, "250ms"));

    @Test
    void aWebhookFailingForThePeriodIsDisabledOneFailingOnceIsNotAndOnePatchRevivesTheDisabledOne() {
        try (Receiver failing = new Receiver(); Receiver flaky = new Receiver();
             ChildBasehook child = ChildBasehook.start(SeparateDatabase.fresh("autodisable"), Map.of(
                     "BASEHOOK_DELIVERY_DISABLE_AFTER", "2s",
                     "BASEHOOK_DELIVERY_RETRY_SCHEDULE", SCHEDULE,
                     "BASEHOOK_DELIVERY_POLL_INTERVAL", "100ms"))) {
            failing.answer(500);
            // fails the first attempt of every event and takes its retry: never a long run of failures
            Set<String> seen = new HashSet<>();
            flaky.answer(request -> {
                synchronized (seen) {
                    return Reply.of(seen.add(request.header("webhook-id")) ? 500 : 200);
                }
            });
            AdminClient api = new AdminClient(child.baseUrl());
            String base = api.base("Disable");
            String failingHook = api.webhook(base, failing.url());
            String flakyHook = api.webhook(base, flaky.url());
            String rows = api.rows(base);

            api.insert(rows, "before", 2);
            // the first failures are recorded (the receiver sees a request before its outcome is logged)
            Receiver.awaitUntil(WAIT, () -> api.deliveries(failingHook, "retrying").size() == 2);
            JsonNode afterOneFailure = api.ok(200, "GET", failingHook, null);
            assertTrue(afterOneFailure.get("enabled").asBoolean(), "a single failed attempt never disables a webhook");
            assertFalse(afterOneFailure.get("failingSince").isNull(), afterOneFailure::toString);

            Receiver.awaitUntil(WAIT, () -> !api.ok(200, "GET", failingHook, null).get("enabled").asBoolean());
            JsonNode disabled = api.ok(200, "GET", failingHook, null);
            assertFalse(disabled.get("enabled").asBoolean(), () -> "still enabled after " + WAIT + ": " + disabled);
            assertTrue(disabled.get("autoDisabled").asBoolean());
            int sentBeforeDisabling = failing.received().size();
            assertTrue(sentBeforeDisabling > 2, "disabled after a run of failures, not after the first");
            Set<String> heldBack = ids(failing);
            assertEquals(2, heldBack.size());

            // the period has passed since the flaky one's first failure: its success in between keeps it enabled
            api.insert(rows, "while-disabled", 3);
            Receiver.awaitUntil(WAIT, () -> api.deliveries(flakyHook, "succeeded").size() == 5);
            assertEquals(5, api.deliveries(flakyHook, "succeeded").size(), () -> api.deliveries(flakyHook, null).toString());
            JsonNode flakyWebhook = api.ok(200, "GET", flakyHook, null);
            assertTrue(flakyWebhook.get("enabled").asBoolean(), flakyWebhook::toString);
            assertFalse(flakyWebhook.get("autoDisabled").asBoolean());
            assertTrue(flakyWebhook.get("failingSince").isNull(), "a 2xx ends the failing run");

            // while disabled: no new deliveries, nothing sent or scheduled, but the change feed has every event
            Receiver.awaitUntil(WAIT, () -> api.deliveries(failingHook, null).stream()
                    .allMatch(delivery -> delivery.get("nextAttemptAt").isNull()));
            List<JsonNode> held = api.deliveries(failingHook, null);
            assertEquals(2, held.size(), "no delivery is queued for a disabled webhook");
            held.forEach(delivery -> assertTrue(delivery.get("nextAttemptAt").isNull(),
                    () -> "nothing is scheduled while the webhook is disabled: " + delivery));
            assertEquals(sentBeforeDisabling, failing.received().size(), "nothing is sent to a disabled webhook");
            JsonNode feed = api.ok(200, "GET", base + "/events?after=0", null);
            assertEquals(5, feed.get("events").size(), feed::toString);
            assertEquals(5, feed.get("lastSeq").asLong());

            failing.answer(200);
            JsonNode revived = api.ok(200, "PATCH", failingHook, Map.of("enabled", true));
            assertTrue(revived.get("enabled").asBoolean());
            assertFalse(revived.get("autoDisabled").asBoolean());
            assertTrue(revived.get("failingSince").isNull(), "a revived webhook starts with a clean slate");

            Receiver.awaitUntil(WAIT, () -> api.deliveries(failingHook, "succeeded").size() == 2);
            List<JsonNode> delivered = api.deliveries(failingHook, "succeeded");
            assertEquals(2, delivered.size(), () -> api.deliveries(failingHook, null).toString());
            assertEquals(heldBack, delivered.stream().map(d -> d.get("eventId").asText()).collect(Collectors.toSet()),
                    "the deliveries held back while disabled go out");
            assertEquals(heldBack, ids(failing), "and only they: the events of the disabled time never reach it");
            assertTrue(api.ok(200, "GET", failingHook, null).get("enabled").asBoolean());
        }
    }

    private static Set<String> ids(Receiver receiver) {
        return receiver.received().stream().map(request -> request.header("webhook-id")).collect(Collectors.toSet());
    }
}
