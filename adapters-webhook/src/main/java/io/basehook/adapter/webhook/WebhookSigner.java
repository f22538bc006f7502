package io.basehook.adapter.webhook;

import io.basehook.domain.webhook.WebhookSecret;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** The two signatures of a webhook request, over the exact body bytes. */
final class WebhookSigner {

    private static final String HMAC_SHA256 = "HmacSHA256";
    // Mac.getInstance walks the provider list; one Mac per thread, re-keyed per use, skips that on every send
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance(HMAC_SHA256);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + HMAC_SHA256, e);
        }
    });

    private WebhookSigner() {
    }

    /**
     * {@code webhook-signature} (Standard Webhooks): {@code v1,<base64>} of HMAC-SHA256 over
     * {@code {id}.{timestamp}.{body}}, one per secret, space-separated.
     */
    static String standardWebhooks(String id, String timestamp, byte[] body, List<WebhookSecret> secrets) {
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        StringBuilder header = new StringBuilder(secrets.size() * 48);
        for (WebhookSecret secret : secrets) {
            Mac mac = keyed(secret.standardWebhooksKey());
            mac.update(prefix);
            byte[] signature = mac.doFinal(body);
            if (header.length() > 0) {
                header.append(' ');
            }
            header.append("v1,").append(Base64.getEncoder().encodeToString(signature));
        }
        return header.toString();
    }

    /** {@code X-SeaTable-Signature}: {@code sha256=<hex>} of HMAC-SHA256 over the body. */
    static String seaTable(byte[] body, WebhookSecret secret) {
        return "sha256=" + HexFormat.of().formatHex(keyed(secret.seaTableKey()).doFinal(body));
    }

    private static Mac keyed(byte[] key) {
        Mac mac = MACS.get();
        try {
            mac.init(new SecretKeySpec(key, HMAC_SHA256));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HMAC accepts keys of any length", e);
        }
        return mac;
    }
}
