package io.basehook.adapter.rest;

import io.basehook.application.port.in.DeliveryPage;
import io.basehook.domain.access.Actor;
import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.delivery.AttemptError;
import io.basehook.domain.delivery.Delivery;
import io.basehook.domain.delivery.DeliveryId;
import io.basehook.domain.delivery.DeliveryStatus;
import io.basehook.domain.row.EventId;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.webhook.WebhookId;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

@MicronautTest
class DeliveryControllerTest extends ApiTestSupport {

    private static final WebhookId WEBHOOK_ID = new WebhookId("wh_AbCdEfGh12345678");
    private static final String DELIVERIES = "/api/v1/bases/" + BASE_ID + "/webhooks/" + WEBHOOK_ID + "/deliveries";
    private static final DeliveryId DELIVERY_ID = DeliveryId.parse("dlv_12");
    private static final EventId EVENT_ID = new EventId("evt_01JD2Q9Y7W0M8N4T6V5R3P1K2H");
    private static final Instant RETRY_AT = Instant.parse("2026-11-27T14:35:05.250Z");
    private static final Map<String, String> SENT_HEADERS = Map.of("webhook-id", EVENT_ID.value(),
            "webhook-timestamp", "1796135400", "content-type", "application/json");

    @Test
    void listsDeliveriesWithoutTheirAttempts() {
        Delivery succeeded = new Delivery(DeliveryId.parse("dlv_13"), WEBHOOK_ID, BASE_ID, 43,
                new EventId("evt_01JD2Q9Y7W0M8N4T6V5R3P1K2J"), "modify_row", DeliveryStatus.SUCCEEDED, 1,
                Fixtures.LATER, null, List.of());
        when(listDeliveries.listDeliveries(Actor.admin(), BASE_ID, WEBHOOK_ID, null, null, 100))
                .thenReturn(new DeliveryPage(List.of(succeeded, retrying(List.of())), "MTI="));

        Reply reply = get(DELIVERIES);

        assertEquals(200, reply.status());
        assertEquals(List.of("deliveries", "nextCursor"), List.copyOf(reply.json().keySet()));
        assertEquals("MTI=", reply.json().get("nextCursor"));
        Map<String, Object> first = Reply.at(reply.json().get("deliveries"), 0);
        Map<String, Object> expectedFirst = new LinkedHashMap<>();
        expectedFirst.put("id", "dlv_13");
        expectedFirst.put("eventId", "evt_01JD2Q9Y7W0M8N4T6V5R3P1K2J");
        expectedFirst.put("eventType", "modify_row");
        expectedFirst.put("seq", 43);
        expectedFirst.put("status", "succeeded");
        expectedFirst.put("attempts", 1);
        expectedFirst.put("createdAt", "2026-11-28T09:15:42.517Z");
        expectedFirst.put("nextAttemptAt", null);
        assertEquals(expectedFirst, first);
        assertEquals(List.copyOf(expectedFirst.keySet()), List.copyOf(first.keySet()));
        Map<String, Object> second = Reply.at(reply.json().get("deliveries"), 1);
        assertEquals("dlv_12", second.get("id"));
        assertEquals("retrying", second.get("status"));
        assertEquals(2, second.get("attempts"));
        assertEquals("2026-11-27T14:35:05.250Z", second.get("nextAttemptAt"));
    }

    @Test
    void theLastPageHasANullCursorAndAnEmptyListIsStillAnArray() {
        when(listDeliveries.listDeliveries(any(), any(), any(), any(), any(), anyInt()))
                .thenReturn(new DeliveryPage(List.of(), null));

        Reply reply = get(DELIVERIES);

        assertEquals(200, reply.status());
        assertTrue(reply.body().contains("\"nextCursor\":null"), reply.body());
        assertEquals(List.of(), reply.json().get("deliveries"));
    }

    @Test
    void passesStatusCursorAndLimit() {
        when(listDeliveries.listDeliveries(any(), any(), any(), any(), any(), anyInt()))
                .thenReturn(new DeliveryPage(List.of(), null));

        Reply reply = get(DELIVERIES + "?status=failed&cursor=MTI%3D&limit=10");

        assertEquals(200, reply.status());
        verify(listDeliveries).listDeliveries(Actor.admin(), BASE_ID, WEBHOOK_ID, DeliveryStatus.FAILED, "MTI=", 10);
    }

    @Test
    void filtersOnSendingAndShowsASentDeliveryWithNothingScheduled() {
        Delivery sending = new Delivery(DeliveryId.parse("dlv_14"), WEBHOOK_ID, BASE_ID, 44,
                new EventId("evt_01JD2Q9Y7W0M8N4T6V5R3P1K2J"), "modify_row", DeliveryStatus.SENDING, 0,
                Fixtures.LATER, null, List.of());
        when(listDeliveries.listDeliveries(Actor.admin(), BASE_ID, WEBHOOK_ID, DeliveryStatus.SENDING, null, 100))
                .thenReturn(new DeliveryPage(List.of(sending), null));

        Reply reply = get(DELIVERIES + "?status=sending");

        assertEquals(200, reply.status());
        Map<String, Object> shown = Reply.at(reply.json().get("deliveries"), 0);
        assertEquals("sending", shown.get("status"));
        assertTrue(shown.containsKey("nextAttemptAt"));
        assertNull(shown.get("nextAttemptAt"));
    }

    @Test
    void anEmptyStatusMeansEveryStatus() {
        when(listDeliveries.listDeliveries(any(), any(), any(), any(), any(), anyInt()))
                .thenReturn(new DeliveryPage(List.of(), null));

        Reply reply = get(DELIVERIES + "?status=&cursor=");

        assertEquals(200, reply.status());
        verify(listDeliveries).listDeliveries(eq(Actor.admin()), eq(BASE_ID), eq(WEBHOOK_ID), isNull(), any(), eq(100));
    }

    @Test
    void anUnknownStatusIs400NamingIt() {
        Reply reply = get(DELIVERIES + "?status=delivered");

        assertEquals(400, reply.status());
        assertEquals("application/problem+json", reply.contentType());
        assertEquals("invalid_status", reply.json().get("code"));
        assertEquals("status", Reply.at(reply.json().get("errors"), 0).get("field"));
        verifyNoInteractions(listDeliveries);
    }

    @Test
    void aNonNumericLimitIs400NamingIt() {
        Reply reply = get(DELIVERIES + "?limit=many");

        assertEquals(400, reply.status());
        assertEquals("limit", Reply.at(reply.json().get("errors"), 0).get("field"));
        verifyNoInteractions(listDeliveries);
    }

    @Test
    void aLimitOutOfRangeIsTheUseCasesRefusal() {
        when(listDeliveries.listDeliveries(Actor.admin(), BASE_ID, WEBHOOK_ID, null, null, 1001)).thenThrow(
                BasehookException.invalid("invalid_limit", "limit", "limit must be between 1 and 1000"));

        Reply reply = get(DELIVERIES + "?limit=1001");

        assertEquals(400, reply.status());
        assertEquals("invalid_limit", reply.json().get("code"));
        assertEquals("limit", Reply.at(reply.json().get("errors"), 0).get("field"));
    }

    @Test
    void readsADeliveryWithEveryAttemptOldestFirst() {
        Attempt unavailable = Attempt.answered(T0, Duration.ofMillis(87), SENT_HEADERS, 503,
                Map.of("retry-after", "120", "content-type", "text/html"), "<h1>maintenance</h1>", Duration.ofSeconds(120));
        Attempt refused = Attempt.failed(T0.plusSeconds(120), Duration.ofMillis(3), SENT_HEADERS,
                AttemptError.CONNECTION_REFUSED, "Connection refused: crm.example.com/203.0.113.7:443");
        when(getDelivery.getDelivery(Actor.admin(), BASE_ID, WEBHOOK_ID, DELIVERY_ID))
                .thenReturn(retrying(List.of(unavailable, refused)));

        Reply reply = get(DELIVERIES + "/dlv_12");

        assertEquals(200, reply.status());
        assertEquals(List.of("id", "eventId", "eventType", "seq", "status", "attempts", "createdAt", "nextAttemptAt",
                "attemptLog"), List.copyOf(reply.json().keySet()));
        assertEquals("dlv_12", reply.json().get("id"));
        assertEquals(EVENT_ID.value(), reply.json().get("eventId"));
        assertEquals("insert_row", reply.json().get("eventType"));
        assertEquals(42, reply.json().get("seq"));
        assertEquals(T0_WIRE, reply.json().get("createdAt"));
        assertEquals("2026-11-27T14:35:05.250Z", reply.json().get("nextAttemptAt"));

        Map<String, Object> first = new LinkedHashMap<>();
        first.put("at", T0_WIRE);
        first.put("durationMs", 87);
        first.put("requestHeaders", SENT_HEADERS);
        first.put("responseStatus", 503);
        first.put("responseHeaders", Map.of("retry-after", "120", "content-type", "text/html"));
        first.put("responseBody", "<h1>maintenance</h1>");
        first.put("error", null);
        first.put("errorDetail", null);
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("at", "2026-11-27T14:32:00.000Z");
        second.put("durationMs", 3);
        second.put("requestHeaders", SENT_HEADERS);
        second.put("responseStatus", null);
        second.put("responseHeaders", null);
        second.put("responseBody", null);
        second.put("error", "refused");
        second.put("errorDetail", "Connection refused: crm.example.com/203.0.113.7:443");
        assertEquals(List.of(first, second), reply.json().get("attemptLog"));
        assertEquals(List.copyOf(first.keySet()), List.copyOf(Reply.at(reply.json().get("attemptLog"), 0).keySet()));
    }

    @Test
    void headersOfAnAttemptAreSortedByName() {
        Attempt attempt = Attempt.answered(T0, Duration.ofMillis(5), SENT_HEADERS, 200,
                Map.of("x-b", "2", "x-a", "1", "content-length", "0"), "", null);
        when(getDelivery.getDelivery(Actor.admin(), BASE_ID, WEBHOOK_ID, DELIVERY_ID)).thenReturn(retrying(List.of(attempt)));

        Reply reply = get(DELIVERIES + "/dlv_12");

        Map<String, Object> logged = Reply.at(reply.json().get("attemptLog"), 0);
        assertEquals(List.of("content-type", "webhook-id", "webhook-timestamp"),
                List.copyOf(((Map<?, ?>) logged.get("requestHeaders")).keySet()));
        assertEquals(List.of("content-length", "x-a", "x-b"),
                List.copyOf(((Map<?, ?>) logged.get("responseHeaders")).keySet()));
    }

    @Test
    void redeliveringIs202WithoutABody() {
        Reply reply = post(DELIVERIES + "/dlv_12/redeliver", null);

        assertEquals(202, reply.status());
        assertTrue(reply.body().isEmpty(), reply.body());
        verify(redeliver).redeliver(Actor.admin(), BASE_ID, WEBHOOK_ID, DELIVERY_ID);
    }

    @Test
    void aMalformedDeliveryIdIs404() {
        List<Reply> replies = List.of(get(DELIVERIES + "/12"), get(DELIVERIES + "/dlv_zero"),
                post(DELIVERIES + "/dlv_0/redeliver", null));

        for (Reply reply : replies) {
            assertEquals(404, reply.status(), reply.body());
            assertEquals("delivery_not_found", reply.json().get("code"));
        }
        verifyNoInteractions(getDelivery, redeliver);
    }

    @Test
    void aMalformedWebhookIdIs404() {
        String other = "/api/v1/bases/" + BASE_ID + "/webhooks/wh_short/deliveries";
        List<Reply> replies = List.of(get(other), get(other + "/dlv_12"), post(other + "/dlv_12/redeliver", null));

        for (Reply reply : replies) {
            assertEquals(404, reply.status(), reply.body());
            assertEquals("webhook_not_found", reply.json().get("code"));
        }
        verifyNoInteractions(listDeliveries, getDelivery, redeliver);
    }

    @Test
    void theTokensActorReachesTheUseCaseWhichMayRefuseIt() {
        doThrow(new BasehookException(BasehookException.Kind.FORBIDDEN, "read_only", "this token is read-only"))
                .when(redeliver).redeliver(READ_ONLY, BASE_ID, WEBHOOK_ID, DELIVERY_ID);
        when(getDelivery.getDelivery(READ_ONLY, BASE_ID, WEBHOOK_ID, DELIVERY_ID)).thenReturn(retrying(List.of()));

        Reply redelivered = send("POST", DELIVERIES + "/dlv_12/redeliver", READ_ONLY_TOKEN, null);
        Reply read = send("GET", DELIVERIES + "/dlv_12", READ_ONLY_TOKEN, null);

        assertEquals(403, redelivered.status());
        assertEquals("read_only", redelivered.json().get("code"));
        assertEquals(200, read.status());
        assertEquals(List.of(), read.json().get("attemptLog"));
    }

    @Test
    void aDeliveryOfAnotherWebhookIsTheUseCasesNotFound() {
        when(getDelivery.getDelivery(Actor.admin(), BASE_ID, WEBHOOK_ID, DELIVERY_ID))
                .thenThrow(BasehookException.notFound("delivery_not_found", "no delivery with id dlv_12"));

        Reply reply = get(DELIVERIES + "/dlv_12");

        assertEquals(404, reply.status());
        assertEquals("delivery_not_found", reply.json().get("code"));
    }

    /** dlv_12: seq 42, two attempts made, the next one scheduled. */
    private static Delivery retrying(List<Attempt> attempts) {
        return new Delivery(DELIVERY_ID, WEBHOOK_ID, BASE_ID, 42, EVENT_ID, "insert_row", DeliveryStatus.RETRYING, 2, T0,
                RETRY_AT, attempts);
    }
}
