package io.basehook.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.basehook.bootstrap.Receiver.Received;
import io.basehook.bootstrap.Receiver.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Over real HTTP: a delivery shown as sending while its receiver holds the answer, retries until a 2xx, the
 * delivery log with every attempt, Retry-After within the schedule's bounds, a receiver that comes back, a delivery
 * that ends {@code failed} and is redelivered by hand, a redirect that is not followed, and the test ping. A child
 * instance with a schedule of seconds, on a database of its own so no other instance takes its deliveries.
 */
class RetryAndLogTest {

    /** Five retries: four quick ones and a longest step of 1.5 s, the cap of any Retry-After. */
    private static final String SCHEDULE = "200ms,200ms,200ms,200ms,1500ms";
    private static final int MAX_ATTEMPTS = 6;
    private static final Duration LONGEST_STEP = Duration.ofMillis(1500);
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static ChildBasehook child;
    private static AdminClient api;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Receiver> receivers = new ArrayList<>();

    @BeforeAll
    static void start() {
        child = ChildBasehook.start(SeparateDatabase.fresh("retries"), Map.of(
                "BASEHOOK_DELIVERY_RETRY_SCHEDULE", SCHEDULE,
                "BASEHOOK_DELIVERY_TIMEOUT", "5s",
                "BASEHOOK_DELIVERY_POLL_INTERVAL", "100ms"));
        api = new AdminClient(child.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (child != null) {
            child.close();
        }
    }

    @AfterEach
    void stopReceivers() {
        receivers.forEach(Receiver::close);
    }

    private Receiver receiver() {
        return keep(new Receiver());
    }

    private Receiver keep(Receiver receiver) {
        receivers.add(receiver);
        return receiver;
    }

    @Test
    void aDeliveryIsSendingWhileItsReceiverHoldsTheAnswerAndSucceededWithinASecondOfIt() throws InterruptedException {
        Receiver receiver = receiver();
        receiver.hang();
        String base = api.base("Sending");
        JsonNode created = api.ok(201, "POST", base + "/webhooks", Map.of("url", receiver.url()));
        String hook = base + "/webhooks/" + created.get("id").asText();
        String rows = api.rows(base);
        api.insert(rows, "first", 1);
        api.insert(rows, "second", 1);

        Receiver.awaitUntil(WAIT, () -> receiver.unanswered() == 2);
        assertEquals(2, receiver.unanswered(), "both requests reached the receiver");
        Thread.sleep(2000);
        List<JsonNode> sending = api.deliveries(hook, null);
        assertEquals(2, sending.size(), sending::toString);
        for (JsonNode delivery : sending) {
            assertEquals("sending", delivery.get("status").asText(), delivery::toString);
            assertTrue(delivery.get("nextAttemptAt").isNull(), "nothing scheduled while it is sent: " + delivery);
            assertEquals(0, delivery.get("attempts").asInt());
            JsonNode one = api.ok(200, "GET", hook + "/deliveries/" + delivery.get("id").asText(), null);
            assertEquals("sending", one.get("status").asText(), one::toString);
        }
        assertEquals(2, api.deliveries(hook, "sending").size());
        assertTrue(api.deliveries(hook, "pending").isEmpty(), "what is being sent is not pending");

        receiver.release();
        Receiver.awaitUntil(WAIT, () -> receiver.unanswered() == 0);
        Instant answered = Instant.now();
        Receiver.awaitUntil(Duration.ofSeconds(1), () -> api.deliveries(hook, "succeeded").size() == 2);
        Duration shownAfter = Duration.between(answered, Instant.now());
        List<JsonNode> succeeded = api.deliveries(hook, "succeeded");
        assertEquals(2, succeeded.size(), () -> "a second after the answers: " + api.deliveries(hook, null));
        assertTrue(shownAfter.compareTo(Duration.ofSeconds(1)) <= 0, "shown " + shownAfter + " after the answers");
        assertTrue(api.deliveries(hook, "sending").isEmpty());
    }

    @Test
    void twoFailuresThenA2xxIsOneSucceededDeliveryWithEveryAttemptInItsLog() {
        Receiver receiver = receiver();
        AtomicInteger requests = new AtomicInteger();
        String longBody = "x".repeat(5000);
        receiver.answer(request -> requests.incrementAndGet() <= 2
                ? new Reply(500, Map.of("X-Trace", "attempt-" + requests.get()), longBody)
                : new Reply(200, Map.of("X-Trace", "attempt-3"), "thanks"));
        String base = api.base("Retries");
        JsonNode created = api.ok(201, "POST", base + "/webhooks", Map.of("url", receiver.url()));
        String secret = created.get("secret").asText();
        String hook = base + "/webhooks/" + created.get("id").asText();
        api.insert(api.rows(base), "row", 1);

        Receiver.awaitUntil(WAIT, () -> api.deliveries(hook, "succeeded").size() == 1);
        List<JsonNode> succeeded = api.deliveries(hook, "succeeded");
        assertEquals(1, succeeded.size(), () -> "deliveries: " + api.deliveries(hook, null));
        JsonNode delivery = succeeded.get(0);
        assertEquals(3, delivery.get("attempts").asInt());
        assertEquals("succeeded", delivery.get("status").asText());
        assertTrue(delivery.get("nextAttemptAt").isNull(), "nothing more is scheduled");
        assertTrue(api.deliveries(hook, "retrying").isEmpty());
        assertTrue(api.deliveries(hook, "failed").isEmpty());

        String eventId = delivery.get("eventId").asText();
        assertEquals(List.of(eventId, eventId, eventId), ids(receiver), "the same webhook-id on every attempt");

        JsonNode log = api.ok(200, "GET", hook + "/deliveries/" + delivery.get("id").asText(), null).get("attemptLog");
        assertEquals(3, log.size(), log::toString);
        Instant previous = Instant.EPOCH;
        for (int i = 0; i < 3; i++) {
            JsonNode attempt = log.get(i);
            Instant at = Instant.parse(attempt.get("at").asText());
            assertTrue(at.isAfter(previous), "oldest first");
            previous = at;
            assertTrue(attempt.get("durationMs").isIntegralNumber() && attempt.get("durationMs").asLong() >= 0);
            JsonNode sent = attempt.get("requestHeaders");
            assertEquals(eventId, sent.get("webhook-id").asText());
            assertTrue(sent.has("webhook-timestamp"));
            assertTrue(sent.get("webhook-signature").asText().startsWith("v1,"));
            assertTrue(sent.has("X-SeaTable-Signature"), sent::toString);
            String keyPart = secret.substring("whsec_".length());
            sent.fields().forEachRemaining(header -> assertFalse(header.getValue().asText().contains(keyPart),
                    "the log never shows the secret: " + header.getKey()));
            assertEquals("attempt-" + (i + 1), attempt.get("responseHeaders").get("x-trace").asText(),
                    "response headers, names in lower case");
            assertTrue(attempt.get("error").isNull());
        }
        assertEquals(500, log.get(0).get("responseStatus").asInt());
        assertEquals(500, log.get(1).get("responseStatus").asInt());
        assertEquals(200, log.get(2).get("responseStatus").asInt());
        assertEquals("x".repeat(4096), log.get(0).get("responseBody").asText(), "the first 4 KiB of the body");
        assertEquals("thanks", log.get(2).get("responseBody").asText());
    }

    // a turn woken by answers alone leaves its claim out; the loop still tells a turn that deliveries may be due at
    // least every poll interval, so a retry falls due however busy another webhook's answers keep the loop
    @Test
    void aRetryIsSentWhileAnotherWebhooksAnswersKeepTheLoopBusy() throws InterruptedException {
        Receiver flaky = receiver();
        AtomicInteger flakyRequests = new AtomicInteger();
        flaky.answer(request -> Reply.of(flakyRequests.incrementAndGet() == 1 ? 500 : 200));
        Receiver busy = receiver();
        String base = api.base("Busy loop");
        String flakyHook = api.webhook(base, flaky.url());
        api.webhook(base, busy.url());
        String rows = api.rows(base);
        api.insert(rows, "first", 1);
        Receiver.awaitUntil(WAIT, () -> flakyRequests.get() >= 1);
        String first = ids(flaky).get(0);

        // more inserts, each handed off to both webhooks and answered at once, until the first event came again
        long deadline = System.nanoTime() + WAIT.toNanos();
        int inserts = 0;
        while (ids(flaky).stream().filter(first::equals).count() < 2 && System.nanoTime() < deadline) {
            api.insert(rows, "more", 1);
            inserts++;
            Thread.sleep(5);
        }

        assertEquals(2, ids(flaky).stream().filter(first::equals).count(),
                "the retry was sent while the inserts went on (" + inserts + " of them)");
        assertTrue(busy.received().size() > inserts / 2, "the busy webhook kept answering");
        int all = inserts + 1;
        Receiver.awaitUntil(WAIT, () -> api.deliveries(flakyHook, "succeeded").size() == all);
        assertEquals(all, api.deliveries(flakyHook, "succeeded").size(), "every delivery of it succeeded");
    }

    @Test
    void retryAfterOfA429IsHonouredUpToTheLongestStepOfTheSchedule() {
        Receiver receiver = receiver();
        AtomicInteger requests = new AtomicInteger();
        receiver.answer(request -> switch (requests.incrementAndGet()) {
            case 1 -> new Reply(429, Map.of("Retry-After", "1"), "");
            case 2 -> new Reply(429, Map.of("Retry-After", "3600"), "");
            default -> Reply.of(200);
        });
        String base = api.base("Throttled");
        String hook = api.webhook(base, receiver.url());
        api.insert(api.rows(base), "row", 1);

        // an hour's Retry-After would never arrive within the wait: it is cut to the longest step
        Receiver.awaitUntil(WAIT, () -> api.deliveries(hook, "succeeded").size() == 1);
        JsonNode delivery = only(api.deliveries(hook, "succeeded"));
        JsonNode log = api.ok(200, "GET", hook + "/deliveries/" + delivery.get("id").asText(), null).get("attemptLog");
        assertEquals(3, log.size(), log::toString);
        assertEquals("1", log.get(0).get("responseHeaders").get("retry-after").asText());
        Instant first = Instant.parse(log.get(0).get("at").asText());
        Instant second = Instant.parse(log.get(1).get("at").asText());
        Instant third = Instant.parse(log.get(2).get("at").asText());
        // the schedule's own step is 200 ms: only the Retry-After explains the longer waits
        assertFalse(second.isBefore(first.plusSeconds(1)), () -> "Retry-After: 1 waited until " + second + " after " + first);
        assertFalse(third.isBefore(second.plus(LONGEST_STEP)), () -> "Retry-After: 3600 waited until " + third + " after " + second);
    }

    @Test
    void aReceiverThatIsDownGetsEveryEventByTheRetriesOnceItIsBackOnItsPort() {
        Receiver gone = new Receiver();
        int port = gone.port();
        String base = api.base("Down");
        String hook = api.webhook(base, gone.url());
        gone.close();
        api.insert(api.rows(base), "row", 3);

        Receiver.awaitUntil(WAIT, () -> api.deliveries(hook, "retrying").size() == 3);
        List<JsonNode> retrying = api.deliveries(hook, "retrying");
        assertEquals(3, retrying.size(), () -> "deliveries: " + api.deliveries(hook, null));
        JsonNode firstAttempt = api.ok(200, "GET", hook + "/deliveries/" + retrying.get(0).get("id").asText(), null)
                .get("attemptLog").get(0);
        assertEquals("refused", firstAttempt.get("error").asText(), firstAttempt::toString);
        assertTrue(firstAttempt.get("responseStatus").isNull(), "no answer, not an empty one");

        Receiver back = keep(new Receiver(port));
        Receiver.awaitUntil(WAIT, () -> api.deliveries(hook, "succeeded").size() == 3);
        assertEquals(3, api.deliveries(hook, "succeeded").size(), () -> "deliveries: " + api.deliveries(hook, null));
        Set<String> eventIds = retrying.stream().map(delivery -> delivery.get("eventId").asText()).collect(Collectors.toSet());
        assertEquals(eventIds, Set.copyOf(ids(back)), "every event arrives, under its own webhook-id");
    }

    @Test
    void aDeliveryThatAlwaysFailsEndsFailedAndARedeliveryBringsItAgainUnderTheSameId() {
        Receiver receiver = receiver();
        receiver.answer(503);
        String base = api.base("Failing");
        String hook = api.webhook(base, receiver.url());
        api.insert(api.rows(base), "row", 1);

        Receiver.awaitUntil(WAIT, () -> api.deliveries(hook, "failed").size() == 1);
        JsonNode failed = only(api.deliveries(hook, "failed"));
        assertEquals(MAX_ATTEMPTS, failed.get("attempts").asInt(), "every step of the schedule was tried");
        assertTrue(failed.get("nextAttemptAt").isNull());
        String eventId = failed.get("eventId").asText();
        assertEquals(MAX_ATTEMPTS, ids(receiver).size());

        receiver.answer(200);
        String path = hook + "/deliveries/" + failed.get("id").asText();
        RunningBasehook.Answer redeliver = api.call("POST", path + "/redeliver", null);
        assertEquals(202, redeliver.status(), () -> redeliver.raw().body());
        assertNull(redeliver.body(), "202 without a body");

        Receiver.awaitUntil(WAIT, () -> api.deliveries(hook, "succeeded").size() == 1);
        JsonNode redelivered = api.ok(200, "GET", path, null);
        assertEquals("succeeded", redelivered.get("status").asText());
        assertEquals(MAX_ATTEMPTS + 1, redelivered.get("attempts").asInt());
        assertEquals(MAX_ATTEMPTS + 1, redelivered.get("attemptLog").size(), "the log goes on after a redelivery");
        assertEquals(200, redelivered.get("attemptLog").get(MAX_ATTEMPTS).get("responseStatus").asInt());
        List<String> ids = ids(receiver);
        assertEquals(MAX_ATTEMPTS + 1, ids.size());
        assertEquals(Set.of(eventId), Set.copyOf(ids), "the redelivery carries the same webhook-id");
    }

    @Test
    void aRedirectIsNotFollowedAndCountsAsAFailure() {
        Receiver target = receiver();
        Receiver redirecting = receiver();
        AtomicInteger requests = new AtomicInteger();
        redirecting.answer(request -> requests.incrementAndGet() == 1
                ? new Reply(302, Map.of("Location", target.url()), "") : Reply.of(204));
        String base = api.base("Redirect");
        String hook = api.webhook(base, redirecting.url());
        api.insert(api.rows(base), "row", 1);

        Receiver.awaitUntil(WAIT, () -> api.deliveries(hook, "succeeded").size() == 1);
        JsonNode delivery = only(api.deliveries(hook, "succeeded"));
        assertEquals(2, delivery.get("attempts").asInt(), "the 302 was a failed attempt, retried");
        JsonNode redirect = api.ok(200, "GET", hook + "/deliveries/" + delivery.get("id").asText(), null)
                .get("attemptLog").get(0);
        assertEquals(302, redirect.get("responseStatus").asInt());
        assertEquals(target.url(), redirect.get("responseHeaders").get("location").asText());
        assertEquals(0, target.received().size(), "the redirect target receives nothing");
    }

    @Test
    void theTestEndpointAnswersWithThePingsOutcome() throws Exception {
        Receiver fine = receiver();
        Receiver broken = receiver();
        broken.answer(request -> new Reply(500, Map.of(), "nope"));
        Receiver gone = new Receiver();
        gone.close();
        String base = api.base("Pings");
        String fineHook = api.webhook(base, fine.url());
        String brokenHook = api.webhook(base, broken.url());
        String goneHook = api.webhook(base, gone.url());

        JsonNode ok = api.ok(200, "POST", fineHook + "/test", null);
        assertTrue(ok.get("success").asBoolean(), ok::toString);
        assertEquals(200, ok.get("responseStatus").asInt());
        assertEquals(1, fine.received().size(), "sent at once, before the answer");
        Received ping = fine.received().get(0);
        assertEquals("ping", json.readTree(ping.body()).get("event").asText());
        assertEquals(ping.header("webhook-id"), ok.get("requestHeaders").get("webhook-id").asText());

        JsonNode failed = api.ok(200, "POST", brokenHook + "/test", null);
        assertFalse(failed.get("success").asBoolean());
        assertEquals(500, failed.get("responseStatus").asInt());
        assertEquals("nope", failed.get("responseBody").asText());

        JsonNode refused = api.ok(200, "POST", goneHook + "/test", null);
        assertFalse(refused.get("success").asBoolean());
        assertTrue(refused.get("responseStatus").isNull());
        assertEquals("refused", refused.get("error").asText(), refused::toString);

        // a ping is no delivery: nothing is queued or retried for it
        Thread.sleep(500);
        assertTrue(api.deliveries(brokenHook, null).isEmpty());
        assertEquals(1, broken.received().size());
    }

    private static List<String> ids(Receiver receiver) {
        return receiver.received().stream().map(request -> request.header("webhook-id")).toList();
    }

    private static JsonNode only(List<JsonNode> deliveries) {
        assertEquals(1, deliveries.size(), deliveries::toString);
        return deliveries.get(0);
    }
}
