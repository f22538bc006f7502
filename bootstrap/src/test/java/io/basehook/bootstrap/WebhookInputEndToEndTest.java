package io.basehook.bootstrap;

import io.basehook.bootstrap.RunningBasehook.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 22 over the REST path: a URL the sender could not use as written, and a {@code whsec_} secret that no
 * Standard Webhooks library could verify, are a 400 naming the field when the webhook is saved.
 */
class WebhookInputEndToEndTest {

    private static RunningBasehook app;
    private static String webhooks;

    @BeforeAll
    static void start() {
        app = RunningBasehook.get();
        Answer base = app.admin("POST", "/api/v1/bases", Map.of("name", "Inputs"));
        assertEquals(201, base.status(), () -> base.raw().body());
        webhooks = "/api/v1/bases/" + base.body().get("id").asText() + "/webhooks";
    }

    private static void assertRefused(Map<String, Object> body, String code, String field) {
        Answer answer = app.admin("POST", webhooks, body);
        assertEquals(400, answer.status(), () -> body + " -> " + answer.raw().body());
        assertEquals(code, answer.body().get("code").asText(), answer.raw().body());
        assertEquals(field, answer.body().get("errors").get(0).get("field").asText(), answer.raw().body());
    }

    @Test
    void aWhsecSecretThatIsNotTheBase64Of24To64BytesIs400OnSecret() {
        for (String secret : List.of("whsec_!!!notbase64!!!", "whsec_" + Base64.getEncoder().encodeToString(new byte[16]),
                "whsec_" + Base64.getEncoder().encodeToString(new byte[65]))) {
            assertRefused(Map.of("url", "http://127.0.0.1:9/hook", "secret", secret), "invalid_secret", "secret");
        }
        String good = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
        Answer created = app.admin("POST", webhooks, Map.of("url", "http://127.0.0.1:9/hook", "secret", good));
        assertEquals(201, created.status(), () -> created.raw().body());
        assertEquals(good, created.body().get("secret").asText());
    }

    @Test
    void aPortOutside1To65535Is400OnUrl() {
        for (String url : List.of("http://127.0.0.1:0/", "http://127.0.0.1:99999/", "http://127.0.0.1:65536/")) {
            assertRefused(Map.of("url", url), "invalid_url", "url");
        }
    }

    // the sender would take these for names and never find them; they are refused when saved instead
    @Test
    void aNumericHostNotWrittenAsFourDecimalNumbersIs400OnUrl() {
        for (String url : List.of("http://2130706433:8080/", "http://0177.0.0.1/", "http://127.000.000.001/")) {
            assertRefused(Map.of("url", url), "invalid_url", "url");
        }
    }

    @Test
    void aPatchedUrlFollowsTheSameRules() {
        Answer created = app.admin("POST", webhooks, Map.of("url", "http://127.0.0.1:9/hook"));
        assertEquals(201, created.status(), () -> created.raw().body());
        String webhook = webhooks + "/" + created.body().get("id").asText();

        Answer patched = app.admin("PATCH", webhook, Map.of("url", "http://2130706433:8080/"));

        assertEquals(400, patched.status(), () -> patched.raw().body());
        assertEquals("url", patched.body().get("errors").get(0).get("field").asText());
    }
}
