package io.basehook.adapter.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/** The tests' own HMAC, written apart from {@link WebhookSigner} so a shared mistake cannot hide. */
final class Hmac {

    private Hmac() {
    }

    static byte[] sha256(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String hex(String utf8Key, String body) {
        return HexFormat.of().formatHex(sha256(utf8Key.getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8)));
    }

    static String base64(String utf8Key, String signed) {
        return Base64.getEncoder().encodeToString(
                sha256(utf8Key.getBytes(StandardCharsets.UTF_8), signed.getBytes(StandardCharsets.UTF_8)));
    }
}
