package io.basehook.testkit.contract;

import io.basehook.application.port.out.WebhookTargetPolicy;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.webhook.WebhookUrl;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link WebhookTargetPolicy}: by default a webhook may not point at a loopback, private, link-local or otherwise
 * internal address ({@code blocked_address}, a 400), in any of the forms a URL writes one; a policy that allows
 * private addresses accepts them; a public address is accepted by both. Only literal addresses are used, so no test
 * depends on DNS.
 */
public interface WebhookTargetPolicyContract {

    /** Loopback, private, link-local (where cloud metadata lives), carrier-grade NAT, IPv6 forms of them. */
    List<String> INTERNAL = List.of("http://127.0.0.1/hook", "https://10.1.2.3/hook", "http://172.16.0.5:8080/",
            "http://192.168.1.20/", "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/",
            "http://0.0.0.0/", "http://[::1]:9000/hook", "http://[fd00::1]/", "http://[fe80::1]/",
            "http://[::ffff:127.0.0.1]/");
    List<String> PUBLIC = List.of("https://93.184.216.34/hook", "https://8.8.8.8/", "http://1.1.1.1:8080/x",
            "https://[2606:4700:4700::1111]/hook");

    /** The policy as configured by default: private addresses are not allowed. */
    WebhookTargetPolicy defaultPolicy();

    /** The policy with private addresses allowed (for a receiver on the same network). */
    WebhookTargetPolicy allowingPrivateAddresses();

    @Test
    default void internalAddressesAreRefusedByDefault() {
        for (String url : INTERNAL) {
            BasehookException refused = assertThrows(BasehookException.class,
                    () -> defaultPolicy().requireAllowed(new WebhookUrl(url)), url);
            assertEquals("blocked_address", refused.code(), url);
            assertEquals(BasehookException.Kind.INVALID, refused.kind(), "a 400: " + url);
        }
    }

    @Test
    default void internalAddressesAreAcceptedWhenPrivateAddressesAreAllowed() {
        for (String url : INTERNAL) {
            assertDoesNotThrow(() -> allowingPrivateAddresses().requireAllowed(new WebhookUrl(url)), url);
        }
    }

    @Test
    default void aPublicAddressIsAccepted() {
        for (String url : PUBLIC) {
            assertDoesNotThrow(() -> defaultPolicy().requireAllowed(new WebhookUrl(url)), url);
            assertDoesNotThrow(() -> allowingPrivateAddresses().requireAllowed(new WebhookUrl(url)), url);
        }
    }
}
