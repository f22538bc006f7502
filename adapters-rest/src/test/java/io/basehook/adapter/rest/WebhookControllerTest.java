package io.basehook.adapter.rest;

import io.basehook.application.port.in.CreateWebhookCommand;
import io.basehook.application.port.in.UpdateWebhookCommand;
import io.basehook.domain.access.Actor;
import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.delivery.AttemptError;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.webhook.Webhook;
import io.basehook.domain.webhook.WebhookId;
import io.basehook.domain.webhook.WebhookSecret;
import io.basehook.domain.webhook.WebhookUrl;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

@MicronautTest
class WebhookControllerTest extends ApiTestSupport {

    private static final String WEBHOOKS = "/api/v1/bases/" + BASE_ID + "/webhooks";
    private static final WebhookId WEBHOOK_ID = new WebhookId("wh_AbCdEfGh12345678");
    private static final String WEBHOOK = WEBHOOKS + "/" + WEBHOOK_ID;
    private static final String SECRET = "whsec_Ab12MzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=";
    private static final String MASKED = "whsec_Ab12…";
    private static final String URL = "https://crm.example.com/hooks/basehook";
    private static final Map<String, String> SENT_HEADERS = Map.of("webhook-id", "evt_ping",
            "content-type", "application/json", "user-agent", "Basehook/0.1.0");

    @Test
    void createsAWebhookWith201AndShowsItsSecretInFull() {
        when(createWebhook.createWebhook(any())).thenReturn(webhook());

        Reply reply = post(WEBHOOKS, "{\"url\":\"" + URL + "\",\"secret\":\"" + SECRET
                + "\",\"description\":\"CRM sync\",\"enabled\":true}");

        assertEquals(201, reply.status());
        assertEquals("application/json", reply.contentType());
        assertEquals(expected(SECRET), reply.json());
        assertEquals(List.copyOf(expected(SECRET).keySet()), List.copyOf(reply.json().keySet()));
        verify(createWebhook).createWebhook(new CreateWebhookCommand(Actor.admin(), BASE_ID, URL, SECRET, "CRM sync", true));
    }

    @Test
    void onlyTheUrlIsNeededAndWhatIsLeftOutReachesTheUseCaseAsNull() {
        when(createWebhook.createWebhook(any())).thenReturn(webhook());

        Reply reply = post(WEBHOOKS, "{\"url\":\"" + URL + "\"}");

        assertEquals(201, reply.status());
        verify(createWebhook).createWebhook(new CreateWebhookCommand(Actor.admin(), BASE_ID, URL, null, null, null));
    }

    @Test
    void unknownFieldsInTheBodyAreRefusedNamingThem() {
        Reply reply = post(WEBHOOKS, "{\"url\":\"" + URL + "\",\"events\":[\"insert_row\"]}");

        assertEquals(400, reply.status());
        assertEquals("unknown_field", reply.json().get("code"));
        assertEquals("events", Reply.at(reply.json().get("errors"), 0).get("field"));
        verifyNoInteractions(createWebhook);
    }

    @Test
    void aWebhookWithoutUrlIs400NamingTheField() {
        Reply reply = post(WEBHOOKS, "{\"description\":\"CRM sync\"}");

        assertEquals(400, reply.status());
        assertEquals("application/problem+json", reply.contentType());
        assertEquals("missing_field", reply.json().get("code"));
        assertEquals("url", Reply.at(reply.json().get("errors"), 0).get("field"));
        verifyNoInteractions(createWebhook);
    }

    @Test
    void anEnabledThatIsNotABooleanIs400NamingIt() {
        for (String enabled : List.of("\"yes\"", "\"true\"", "1", "{}")) {
            Reply created = post(WEBHOOKS, "{\"url\":\"" + URL + "\",\"enabled\":" + enabled + "}");
            Reply patched = patch(WEBHOOK, "{\"enabled\":" + enabled + "}");

            assertEquals(400, created.status(), enabled + ": " + created.body());
            assertEquals("enabled", Reply.at(created.json().get("errors"), 0).get("field"), enabled);
            assertEquals(400, patched.status(), enabled + ": " + patched.body());
            assertEquals("enabled", Reply.at(patched.json().get("errors"), 0).get("field"), enabled);
        }
        verifyNoInteractions(createWebhook, updateWebhook);
    }

    @Test
    void aUrlOrDescriptionThatIsNotAStringIs400NamingIt() {
        Reply url = post(WEBHOOKS, "{\"url\":[\"" + URL + "\"]}");
        Reply description = patch(WEBHOOK, "{\"description\":42}");

        assertEquals(400, url.status());
        assertEquals("invalid_field", url.json().get("code"));
        assertEquals("url", Reply.at(url.json().get("errors"), 0).get("field"));
        assertEquals(400, description.status());
        assertEquals("description", Reply.at(description.json().get("errors"), 0).get("field"));
        verifyNoInteractions(createWebhook, updateWebhook);
    }

    @Test
    void malformedOrMissingBodiesAre400() {
        Reply malformed = post(WEBHOOKS, "{\"url\": ");
        Reply notAnObject = patch(WEBHOOK, "[]");
        Reply missing = send("PATCH", WEBHOOK, ADMIN_TOKEN, null);

        assertEquals(400, malformed.status());
        assertEquals("malformed_json", malformed.json().get("code"));
        assertEquals(400, notAnObject.status());
        assertEquals("malformed_json", notAnObject.json().get("code"));
        assertEquals(400, missing.status());
        assertEquals("application/problem+json", missing.contentType());
        verifyNoInteractions(createWebhook, updateWebhook);
    }

    @Test
    void theUseCasesRefusalOfTheUrlIsItsProblem() {
        when(createWebhook.createWebhook(any())).thenThrow(
                BasehookException.invalid("blocked_address", "url", "url resolves to a private address"));

        Reply reply = post(WEBHOOKS, "{\"url\":\"http://10.0.0.7/hook\"}");

        assertEquals(400, reply.status());
        assertEquals("blocked_address", reply.json().get("code"));
        assertEquals("url", Reply.at(reply.json().get("errors"), 0).get("field"));
    }

    @Test
    void theTwentyFirstWebhookIs422() {
        when(createWebhook.createWebhook(any())).thenThrow(
                BasehookException.limit("too_many_webhooks", "a base has at most 20 webhooks"));

        Reply reply = post(WEBHOOKS, "{\"url\":\"" + URL + "\"}");

        assertEquals(422, reply.status());
        assertEquals("too_many_webhooks", reply.json().get("code"));
    }

    @Test
    void listsWebhooksWithTheirSecretsMasked() {
        when(listWebhooks.listWebhooks(Actor.admin(), BASE_ID)).thenReturn(List.of(webhook()));

        Reply reply = get(WEBHOOKS);

        assertEquals(200, reply.status());
        assertEquals(Map.of("webhooks", List.of(expected(MASKED))), reply.json());
        assertFalse(reply.body().contains(SECRET), reply.body());
    }

    @Test
    void anEmptyListIsStillAnArray() {
        when(listWebhooks.listWebhooks(Actor.admin(), BASE_ID)).thenReturn(List.of());

        assertEquals(Map.of("webhooks", List.of()), get(WEBHOOKS).json());
    }

    @Test
    void readsOneWebhookMaskedAndShowsSinceWhenItFails() {
        Webhook disabled = Webhook.restore(WEBHOOK_ID, BASE_ID, new WebhookUrl(URL), "", false, true,
                WebhookSecret.restore(SECRET), null, null, T0, T0, Fixtures.LATER);
        when(getWebhook.getWebhook(Actor.admin(), BASE_ID, WEBHOOK_ID)).thenReturn(disabled);

        Reply reply = get(WEBHOOK);

        assertEquals(200, reply.status());
        assertEquals(MASKED, reply.json().get("secret"));
        assertEquals(false, reply.json().get("enabled"));
        assertEquals(true, reply.json().get("autoDisabled"));
        assertEquals(T0_WIRE, reply.json().get("failingSince"));
        assertEquals("", reply.json().get("description"));
        assertFalse(reply.body().contains(SECRET), reply.body());
    }

    @Test
    void aSuppliedSecretWithoutPrefixIsMaskedToFourChars() {
        Webhook own = Webhook.restore(WEBHOOK_ID, BASE_ID, new WebhookUrl(URL), "", true, false,
                WebhookSecret.restore("my-own-secret-0123456789"), null, null, null, T0, T0);
        when(getWebhook.getWebhook(Actor.admin(), BASE_ID, WEBHOOK_ID)).thenReturn(own);

        assertEquals("my-o…", get(WEBHOOK).json().get("secret"));
    }

    @Test
    void patchSendsOnlyWhatTheBodyNamesAndAnswersMasked() {
        when(updateWebhook.updateWebhook(any())).thenReturn(webhook());

        Reply reply = patch(WEBHOOK, "{\"enabled\":true}");

        assertEquals(200, reply.status());
        assertEquals(expected(MASKED), reply.json());
        verify(updateWebhook).updateWebhook(
                new UpdateWebhookCommand(Actor.admin(), BASE_ID, WEBHOOK_ID, null, null, true));
    }

    @Test
    void patchPassesUrlDescriptionAndEnabled() {
        when(updateWebhook.updateWebhook(any())).thenReturn(webhook());

        Reply reply = patch(WEBHOOK, "{\"url\":\"https://other.example.com/\",\"description\":\"\",\"enabled\":false}");

        assertEquals(200, reply.status());
        verify(updateWebhook).updateWebhook(new UpdateWebhookCommand(Actor.admin(), BASE_ID, WEBHOOK_ID,
                "https://other.example.com/", "", false));
    }

    @Test
    void aSecretInAPatchIsNotHowItChanges() {
        Reply reply = patch(WEBHOOK, "{\"secret\":\"" + SECRET + "\"}");

        assertEquals(400, reply.status());
        assertEquals("unknown_field", reply.json().get("code"));
        assertEquals("secret", Reply.at(reply.json().get("errors"), 0).get("field"));
        verifyNoInteractions(updateWebhook);
    }

    @Test
    void deletesAWebhookWith204() {
        Reply reply = delete(WEBHOOK);

        assertEquals(204, reply.status());
        assertTrue(reply.body().isEmpty());
        verify(deleteWebhook).deleteWebhook(Actor.admin(), BASE_ID, WEBHOOK_ID);
    }

    @Test
    void rotatingAnswersTheNewSecretInFull() {
        WebhookSecret rotated = WebhookSecret.restore("whsec_NewNewMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=");
        when(rotateWebhookSecret.rotateWebhookSecret(Actor.admin(), BASE_ID, WEBHOOK_ID)).thenReturn(rotated);

        Reply reply = post(WEBHOOK + "/rotate-secret", null);

        assertEquals(200, reply.status());
        assertEquals(Map.of("secret", rotated.reveal()), reply.json());
    }

    @Test
    void aTestThatGotAnAnswerShowsStatusHeadersAndBody() {
        Attempt answered = Attempt.answered(T0, Duration.ofMillis(231), SENT_HEADERS, 500,
                Map.of("content-type", "text/plain", "x-request-id", "r-1"), "database is down", null);
        when(testWebhook.testWebhook(Actor.admin(), BASE_ID, WEBHOOK_ID)).thenReturn(answered);

        Reply reply = post(WEBHOOK + "/test", null);

        assertEquals(200, reply.status());
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("success", false);
        expected.put("at", T0_WIRE);
        expected.put("durationMs", 231);
        expected.put("requestHeaders", SENT_HEADERS);
        expected.put("responseStatus", 500);
        expected.put("responseHeaders", Map.of("content-type", "text/plain", "x-request-id", "r-1"));
        expected.put("responseBody", "database is down");
        expected.put("error", null);
        expected.put("errorDetail", null);
        assertEquals(expected, reply.json());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(reply.json().keySet()));
    }

    @Test
    void aTestThatGotNoAnswerShowsTheError() {
        Attempt timedOut = Attempt.failed(T0, Duration.ofSeconds(15), SENT_HEADERS, AttemptError.TIMEOUT,
                "no response within 15 s");
        when(testWebhook.testWebhook(Actor.admin(), BASE_ID, WEBHOOK_ID)).thenReturn(timedOut);

        Reply reply = post(WEBHOOK + "/test", null);

        assertEquals(200, reply.status());
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("success", false);
        expected.put("at", T0_WIRE);
        expected.put("durationMs", 15000);
        expected.put("requestHeaders", SENT_HEADERS);
        expected.put("responseStatus", null);
        expected.put("responseHeaders", null);
        expected.put("responseBody", null);
        expected.put("error", "timeout");
        expected.put("errorDetail", "no response within 15 s");
        assertEquals(expected, reply.json());
    }

    @Test
    void aTestAnsweredWith2xxIsASuccess() {
        when(testWebhook.testWebhook(Actor.admin(), BASE_ID, WEBHOOK_ID)).thenReturn(
                Attempt.answered(T0, Duration.ofMillis(12), SENT_HEADERS, 204, Map.of(), "", null));

        Reply reply = post(WEBHOOK + "/test", null);

        assertEquals(true, reply.json().get("success"));
        assertEquals(204, reply.json().get("responseStatus"));
        assertEquals("", reply.json().get("responseBody"));
        assertEquals(Map.of(), reply.json().get("responseHeaders"));
    }

    @Test
    void aMalformedWebhookIdIs404OnEveryRoute() {
        String malformed = WEBHOOKS + "/not-a-webhook";
        List<Reply> replies = List.of(get(malformed), patch(malformed, "{\"enabled\":true}"), delete(malformed),
                post(malformed + "/rotate-secret", null), post(malformed + "/test", null));

        for (Reply reply : replies) {
            assertEquals(404, reply.status(), reply.body());
            assertEquals("webhook_not_found", reply.json().get("code"));
        }
        verifyNoInteractions(getWebhook, updateWebhook, deleteWebhook, rotateWebhookSecret, testWebhook);
    }

    @Test
    void theTokensActorReachesTheUseCaseWhichMayRefuseIt() {
        when(createWebhook.createWebhook(new CreateWebhookCommand(READ_ONLY, BASE_ID, URL, null, null, null)))
                .thenThrow(new BasehookException(BasehookException.Kind.FORBIDDEN, "read_only", "this token is read-only"));
        when(listWebhooks.listWebhooks(READ_ONLY, BASE_ID)).thenReturn(List.of(webhook()));

        Reply created = send("POST", WEBHOOKS, READ_ONLY_TOKEN, "{\"url\":\"" + URL + "\"}");
        Reply listed = send("GET", WEBHOOKS, READ_ONLY_TOKEN, null);

        assertEquals(403, created.status());
        assertEquals("read_only", created.json().get("code"));
        assertEquals(200, listed.status());
        assertEquals(MASKED, Reply.at(listed.json().get("webhooks"), 0).get("secret"));
    }

    @Test
    void withoutATokenNothingIsReached() {
        Reply reply = send("POST", WEBHOOKS, null, "{\"url\":\"" + URL + "\"}");

        assertEquals(401, reply.status());
        verifyNoInteractions(createWebhook);
    }

    private static Webhook webhook() {
        return Webhook.restore(WEBHOOK_ID, BASE_ID, new WebhookUrl(URL), "CRM sync", true, false,
                WebhookSecret.restore(SECRET), null, null, null, T0, Fixtures.LATER);
    }

    /** {@link #webhook()} on the wire, in field order, with the given secret. */
    private static Map<String, Object> expected(String secret) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", WEBHOOK_ID.value());
        json.put("url", URL);
        json.put("description", "CRM sync");
        json.put("enabled", true);
        json.put("autoDisabled", false);
        json.put("secret", secret);
        json.put("createdAt", T0_WIRE);
        json.put("updatedAt", "2026-11-28T09:15:42.517Z");
        json.put("failingSince", null);
        return json;
    }
}
