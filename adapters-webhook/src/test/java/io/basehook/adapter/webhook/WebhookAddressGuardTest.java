package io.basehook.adapter.webhook;

import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.webhook.WebhookUrl;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WebhookAddressGuardTest {

    private static final String[] INTERNAL = {
            "http://127.0.0.1/hook", "http://localhost:8080/hook", "https://10.1.2.3/hook", "http://[::1]:9000/hook",
            "http://169.254.169.254/latest/meta-data/"};

    @ParameterizedTest
    @ValueSource(strings = {
            "http://127.0.0.1/hook", "http://localhost:8080/hook", "https://10.1.2.3/hook", "http://[::1]:9000/hook",
            "http://169.254.169.254/latest/meta-data/", "http://0.0.0.0/", "http://[::ffff:127.0.0.1]/",
            "http://100.64.0.1/", "http://[fd00::1]/", "http://[fe80::1]/", "http://224.0.0.1/"})
    void refusesInternalTargetsByDefault(String url) {
        try (ApplicationContext context = ApplicationContext.run()) {
            WebhookAddressGuard guard = context.getBean(WebhookAddressGuard.class);

            BasehookException refused = assertThrows(BasehookException.class, () -> guard.requireAllowed(new WebhookUrl(url)));

            assertEquals("blocked_address", refused.code());
            assertEquals(BasehookException.Kind.INVALID, refused.kind());
            assertEquals("url", refused.errors().get(0).field());
        }
    }

    @Test
    void theSwitchAllowsThem() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("basehook.webhooks.allow-private-addresses", "true"))) {
            WebhookAddressGuard guard = context.getBean(WebhookAddressGuard.class);
            for (String url : INTERNAL) {
                assertDoesNotThrow(() -> guard.requireAllowed(new WebhookUrl(url)), url);
            }
        }
    }

    @Test
    void allowedNetworksAllowThemOneByOne() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "basehook.webhooks.allowed-networks", "127.0.0.0/8, ::1/128,10.1.0.0/16,169.254.169.254/32"))) {
            WebhookAddressGuard guard = context.getBean(WebhookAddressGuard.class);
            for (String url : INTERNAL) {
                assertDoesNotThrow(() -> guard.requireAllowed(new WebhookUrl(url)), url);
            }
            assertEquals("blocked_address", assertThrows(BasehookException.class,
                    () -> guard.requireAllowed(new WebhookUrl("http://10.2.0.1/"))).code());
        }
    }

    @Test
    void allowedNetworksMayAlsoBeAYamlList() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "basehook.webhooks.allowed-networks", List.of("127.0.0.0/8", "10.1.0.0/16")))) {
            WebhookAddressGuard guard = context.getBean(WebhookAddressGuard.class);
            assertDoesNotThrow(() -> guard.requireAllowed(new WebhookUrl("http://127.0.0.1/")));
            assertDoesNotThrow(() -> guard.requireAllowed(new WebhookUrl("http://10.1.2.3/")));
        }
    }

    @Test
    void publicAddressesPass() {
        WebhookAddressGuard guard = new WebhookAddressGuard(false, "");
        assertDoesNotThrow(() -> guard.requireAllowed(new WebhookUrl("https://93.184.216.34/hook")));
        assertDoesNotThrow(() -> guard.requireAllowed(new WebhookUrl("https://[2606:4700:4700::1111]/hook")));
    }

    @Test
    void anUnknownHostIsInvalidToo() {
        WebhookAddressGuard guard = new WebhookAddressGuard(false, "");

        BasehookException refused = assertThrows(BasehookException.class,
                () -> guard.requireAllowed(new WebhookUrl("https://no-such-host.invalid/hook")));

        assertEquals("unknown_host", refused.code());
        assertEquals(BasehookException.Kind.INVALID, refused.kind());
    }

    @Test
    void aMalformedAllowedNetworkStopsTheStartNamingTheKey() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new WebhookAddressGuard(false, "10.0.0.0/8,intranet"));
        assertEquals(true, error.getMessage().startsWith("basehook.webhooks.allowed-networks"), error.getMessage());
    }
}
