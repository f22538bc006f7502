package io.basehook.adapter.webhook;

import io.basehook.domain.webhook.WebhookSecret;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WebhookSignerTest {

    @Test
    void matchesTheStandardWebhooksExample() {
        // the example of the Standard Webhooks / Svix documentation, signed by someone else
        WebhookSecret secret = WebhookSecret.restore("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                WebhookSigner.standardWebhooks("msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", body, List.of(secret)));
    }

    @Test
    void aRotationSignsWithBothSecretsCurrentFirst() {
        WebhookSecret current = WebhookSecret.restore("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        WebhookSecret previous = WebhookSecret.generate();
        byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

        String header = WebhookSigner.standardWebhooks("msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", body,
                List.of(current, previous));

        String[] signatures = header.split(" ");
        assertEquals(2, signatures.length);
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signatures[0]);
        assertEquals(WebhookSigner.standardWebhooks("msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", body,
                List.of(previous)), signatures[1]);
    }

    @Test
    void seaTableSignsTheBodyWithTheSecretsUtf8Bytes() {
        // computed with: printf '%s' '{"a":1}' | openssl dgst -sha256 -hmac 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
        assertEquals("sha256=45ec03b2b33403c8043a90de06bedad0827183927115fd7e448ef97eeb13c5be",
                WebhookSigner.seaTable("{\"a\":1}".getBytes(StandardCharsets.UTF_8),
                        WebhookSecret.restore("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")));
    }
}
