import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * A webhook receiver to try Basehook with: prints every POST and checks its Standard Webhooks signature.
 *
 *   WEBHOOK_SECRET=whsec_... java docs/examples/WebhookReceiver.java 9000
 *
 * Verification, as any receiver should do it: HMAC-SHA256 over "{webhook-id}.{webhook-timestamp}.{raw body}",
 * keyed with the base64-decoded part of the secret after "whsec_", compared in constant time with each
 * "v1,<base64>" of the webhook-signature header (two during a secret rotation). Reject old timestamps too.
 */
public class WebhookReceiver {

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9000;
        String secret = System.getenv("WEBHOOK_SECRET");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
            String verdict = secret == null ? "not checked (set WEBHOOK_SECRET)"
                    : verify(secret, id, timestamp, body, signatures) ? "valid" : "INVALID";
            System.out.printf("%s webhook-id=%s signature %s%n%s%n%n", exchange.getRequestMethod(), id, verdict,
                    new String(body, StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(secret == null || verdict.equals("valid") ? 204 : 401, -1);
            exchange.close();
        });
        server.start();
        System.out.println("Listening on http://127.0.0.1:" + port + "/");
    }

    static boolean verify(String secret, String id, String timestamp, byte[] body, String signatures) {
        if (id == null || timestamp == null || signatures == null) {
            return false;
        }
        if (Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) > 300) {
            return false; // a replay of an old request
        }
        try {
            byte[] key = secret.startsWith("whsec_")
                    ? Base64.getDecoder().decode(secret.substring(6)) : secret.getBytes(StandardCharsets.UTF_8);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            for (String signature : signatures.split(" ")) {
                if (signature.startsWith("v1,")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }
}
