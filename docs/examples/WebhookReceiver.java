import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * A webhook receiver to try Basehook with: prints every request (method, path, id, the signature's verdict, body)
 * and checks its Standard Webhooks signature.
 *
 *   WEBHOOK_SECRET=whsec_... java docs/examples/WebhookReceiver.java 9000
 *
 * Verification, as any receiver should do it: HMAC-SHA256 over "{webhook-id}.{webhook-timestamp}.{raw body}",
 * keyed with the base64-decoded part of the secret after "whsec_", compared in constant time with each
 * "v1,<base64>" of the webhook-signature header (two during a secret rotation). Reject old timestamps too.
 * Answers 204 when the signature is valid, 401 when it is not, and 400 when the headers cannot be read at all.
 */
public class WebhookReceiver {

    enum Verdict { VALID, INVALID, MALFORMED }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9000;
        String secret = System.getenv("WEBHOOK_SECRET");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String id = exchange.getRequestHeaders().getFirst("webhook-id");
                String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
                String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
                Verdict verdict = secret == null ? null : verify(secret, id, timestamp, body, signatures);
                System.out.printf("%s %s webhook-id=%s signature %s%n%s%n%n", exchange.getRequestMethod(),
                        exchange.getRequestURI(), id,
                        verdict == null ? "not checked (set WEBHOOK_SECRET)" : verdict.name().toLowerCase(),
                        new String(body, StandardCharsets.UTF_8));
                int status = verdict == null || verdict == Verdict.VALID ? 204
                        : verdict == Verdict.INVALID ? 401 : 400;
                exchange.sendResponseHeaders(status, -1);
            }
        });
        server.start();
        System.out.println("Listening on http://127.0.0.1:" + port + "/");
    }

    static Verdict verify(String secret, String id, String timestamp, byte[] body, String signatures) {
        if (id == null || timestamp == null || signatures == null) {
            return Verdict.MALFORMED;
        }
        long sentAt;
        try {
            sentAt = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return Verdict.MALFORMED;
        }
        if (Math.abs(System.currentTimeMillis() / 1000 - sentAt) > 300) {
            return Verdict.INVALID; // a replay of an old request
        }
        byte[] expected;
        try {
            byte[] key = secret.startsWith("whsec_")
                    ? Base64.getDecoder().decode(secret.substring(6)) : secret.getBytes(StandardCharsets.UTF_8);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            expected = mac.doFinal(body);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("WEBHOOK_SECRET is not a usable secret: " + e.getMessage(), e);
        }
        boolean any = false;
        for (String signature : signatures.strip().split(" +")) {
            if (!signature.startsWith("v1,")) {
                continue; // another version of the scheme: not ours to check
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(signature.substring(3));
            } catch (IllegalArgumentException e) {
                return Verdict.MALFORMED;
            }
            any = true;
            if (MessageDigest.isEqual(expected, given)) {
                return Verdict.VALID;
            }
        }
        return any ? Verdict.INVALID : Verdict.MALFORMED;
    }
}
