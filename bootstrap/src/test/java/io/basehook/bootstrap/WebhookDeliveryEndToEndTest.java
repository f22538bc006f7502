package io.basehook.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.basehook.bootstrap.Receiver.Received;
import io.basehook.bootstrap.RunningBasehook.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The product's promise over real HTTP (issue 3): two receivers registered as two webhooks of one base each get
 * every content event exactly once, in seq order, signed, with old and new values; structure changes and a
 * no-op update send nothing; a webhook of another base gets nothing.
 */
class WebhookDeliveryEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration GRACE = Duration.ofMillis(1500);

    private static RunningBasehook app;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Receiver> receivers = new ArrayList<>();

    @BeforeAll
    static void start() {
        app = RunningBasehook.get();
    }

    @AfterEach
    void stopReceivers() {
        receivers.forEach(Receiver::close);
    }

    private Receiver receiver() {
        Receiver receiver = new Receiver();
        receivers.add(receiver);
        return receiver;
    }

    private static JsonNode ok(Answer answer, int status) {
        assertEquals(status, answer.status(), () -> answer.raw().body());
        return answer.body();
    }

    @Test
    void everyContentEventReachesEveryWebhookOfItsBaseOnceInOrderAndStructureSendsNothing() throws Exception {
        Receiver first = receiver();
        Receiver second = receiver();
        Receiver elsewhere = receiver();
        String base = ok(app.admin("POST", "/api/v1/bases", Map.of("name", "Shop")), 201).get("id").asText();
        String otherBase = ok(app.admin("POST", "/api/v1/bases", Map.of("name", "Other")), 201).get("id").asText();
        String api = "/api/v1/bases/" + base;
        JsonNode firstHook = ok(app.admin("POST", api + "/webhooks", Map.of("url", first.url(), "description", "chat")), 201);
        ok(app.admin("POST", api + "/webhooks", Map.of("url", second.url(), "secret", "a-plain-secret-of-sorts")), 201);
        ok(app.admin("POST", "/api/v1/bases/" + otherBase + "/webhooks", Map.of("url", elsewhere.url())), 201);
        String secret = firstHook.get("secret").asText();
        assertTrue(secret.startsWith("whsec_"));

        JsonNode table = ok(app.admin("POST", api + "/tables", Map.of("name", "Orders", "columns", List.of(
                Map.of("name", "Name", "type", "text"),
                Map.of("name", "Paid", "type", "checkbox"),
                Map.of("name", "Total", "type", "number")))), 201);
        String tableApi = api + "/tables/" + table.get("id").asText();
        String rows = tableApi + "/rows";

        String one = ok(app.admin("POST", rows, Map.of("rows", List.of(Map.of("Name", "A-1", "Total", 100)))), 201)
                .get("rows").get(0).get("id").asText();
        JsonNode batch = ok(app.admin("POST", rows, Map.of("rows", List.of(
                Map.of("Name", "B-1"), Map.of("Name", "B-2", "Total", 7), Map.of("Name", "B-3")))), 201).get("rows");
        ok(app.admin("PATCH", rows + "/" + one, Map.of("values", Map.of("Paid", true))), 200);
        Map<String, Object> clear = new java.util.HashMap<>();
        clear.put("Total", null);
        ok(app.admin("PATCH", rows + "/" + one, Map.of("values", clear)), 200);
        ok(app.admin("DELETE", rows + "/" + batch.get(1).get("id").asText(), null), 204);

        Receiver.awaitUntil(WAIT, () -> first.received().size() >= 7 && second.received().size() >= 7);
        for (Receiver receiver : List.of(first, second)) {
            List<Received> got = receiver.received();
            assertEquals(7, got.size(), "each event exactly once");
            List<JsonNode> data = new ArrayList<>();
            for (Received request : got) {
                data.add(json.readTree(request.body()).get("data"));
                assertEquals(request.header("webhook-id"), json.readTree(request.body()).get("data").get("event_id").asText());
                assertEquals("application/json", request.header("Content-Type"));
                assertTrue(request.header("User-Agent").startsWith("Basehook/"));
            }
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), data.stream().map(d -> d.get("seq").asLong()).toList(),
                    "in seq order");
            assertEquals(List.of("insert_row", "insert_row", "insert_row", "insert_row", "modify_row", "modify_row",
                    "delete_row"), data.stream().map(d -> d.get("op_type").asText()).toList());
            assertEquals(7, got.stream().map(r -> r.header("webhook-id")).collect(Collectors.toSet()).size());

            JsonNode tick = data.get(4).get("row_data");
            assertEquals(1, tick.size());
            assertTrue(tick.get(0).get("value").asBoolean());
            assertFalse(tick.get(0).get("old_value").asBoolean(true));
            JsonNode cleared = data.get(5).get("row_data").get(0);
            assertEquals("Total", cleared.get("column_name").asText());
            assertTrue(cleared.get("value").isNull());
            assertEquals(100, cleared.get("old_value").asInt());
            JsonNode deleted = data.get(6);
            assertEquals("B-2", deleted.get("row_name").asText());
            assertEquals(7, deleted.get("row_data").get(1).get("old_value").asInt());
        }

        // both signatures over the exact bytes, checked here with the JDK's HMAC, not Basehook's signer
        Received signed = first.received().get(0);
        String signedContent = signed.header("webhook-id") + "." + signed.header("webhook-timestamp") + "." + signed.body();
        String expected = "v1," + Base64.getEncoder().encodeToString(
                hmac(Base64.getDecoder().decode(secret.substring("whsec_".length())), signedContent));
        assertEquals(expected, signed.header("webhook-signature"));
        assertEquals("sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), signed.body())),
                signed.header("X-SeaTable-Signature"));
        Received plain = second.received().get(0);
        assertEquals("v1," + Base64.getEncoder().encodeToString(hmac("a-plain-secret-of-sorts".getBytes(StandardCharsets.UTF_8),
                plain.header("webhook-id") + "." + plain.header("webhook-timestamp") + "." + plain.body())),
                plain.header("webhook-signature"));

        // structure and no-op: nothing at all arrives
        JsonNode column = ok(app.admin("POST", tableApi + "/columns", Map.of("name", "Note", "type", "text")), 201);
        ok(app.admin("PATCH", tableApi + "/columns/" + column.get("key").asText(), Map.of("name", "Remark")), 200);
        ok(app.admin("PATCH", tableApi, Map.of("name", "Purchases")), 200);
        ok(app.admin("PATCH", rows + "/" + batch.get(0).get("id").asText(), Map.of("values", Map.of("Name", "B-1"))), 200);
        Thread.sleep(GRACE.toMillis());
        assertEquals(7, first.received().size());
        assertEquals(7, second.received().size());
        assertEquals(0, elsewhere.received().size(), "a webhook of another base gets nothing");
    }

    @Test
    void aWebhookCreatedLaterDoesNotGetOlderEventsAndTheTestEndpointPings() throws Exception {
        Receiver early = receiver();
        Receiver late = receiver();
        String base = ok(app.admin("POST", "/api/v1/bases", Map.of("name", "Later")), 201).get("id").asText();
        String api = "/api/v1/bases/" + base;
        ok(app.admin("POST", api + "/webhooks", Map.of("url", early.url())), 201);
        String rows = api + "/tables/" + ok(app.admin("POST", api + "/tables", Map.of("name", "T")), 201).get("id").asText() + "/rows";
        ok(app.admin("POST", rows, Map.of("rows", List.of(Map.of("Name", "before")))), 201);
        Receiver.awaitUntil(WAIT, () -> early.received().size() >= 1);
        String lateHook = ok(app.admin("POST", api + "/webhooks", Map.of("url", late.url())), 201).get("id").asText();
        ok(app.admin("POST", rows, Map.of("rows", List.of(Map.of("Name", "after")))), 201);
        Receiver.awaitUntil(WAIT, () -> early.received().size() >= 2 && late.received().size() >= 1);
        Thread.sleep(GRACE.toMillis());

        assertEquals(2, early.received().size());
        assertEquals(1, late.received().size());
        assertEquals("after", json.readTree(late.received().get(0).body()).get("data").get("row_name").asText());

        JsonNode ping = ok(app.admin("POST", api + "/webhooks/" + lateHook + "/test", null), 200);
        assertTrue(ping.get("success").asBoolean(), ping::toString);
        assertEquals("ping", json.readTree(late.received().get(1).body()).get("event").asText());
    }

    private static byte[] hmac(byte[] key, String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
    }
}
