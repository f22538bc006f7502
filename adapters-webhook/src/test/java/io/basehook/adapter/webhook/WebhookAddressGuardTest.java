package io.basehook.adapter.webhook;

import io.basehook.domain.webhook.AddressRules;
import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.webhook.WebhookUrl;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    // issue 22: each of these was accepted at save; the same classifier now refuses them as the attempt would
    @ParameterizedTest
    @ValueSource(strings = {
            "http://[2002:7f00:1::]/", "http://[2002:a9fe:a9fe::]/", "http://[::ffff:0:7f00:1]/",
            "http://[64:ff9b:1::7f00:1]/", "http://[2001::1]/", "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",
            "http://198.18.0.1/", "http://198.19.255.254/", "http://192.0.0.1/", "http://192.0.2.1/",
            "http://[64:ff9b::a9fe:a9fe]/", "http://[2001:db8::1]/", "http://[100::1]/", "http://255.255.255.255/"})
    void refusesEveryFormThatReachesAnInternalAddress(String url) {
        try (ApplicationContext context = ApplicationContext.run()) {
            WebhookAddressGuard guard = context.getBean(WebhookAddressGuard.class);

            BasehookException refused = assertThrows(BasehookException.class, () -> guard.requireAllowed(new WebhookUrl(url)));

            assertEquals("blocked_address", refused.code(), url);
            assertEquals("url", refused.errors().get(0).field());
        }
    }

    // the answer says what is wrong without telling the caller what an internal name resolves to
    @Test
    void theRefusalDoesNotEchoTheResolvedAddress() throws Exception {
        InetAddress internal = InetAddress.getByName("10.77.1.2");
        WebhookAddressGuard guard = new WebhookAddressGuard(new AddressRules(false, List.of()), host -> List.of(internal));

        BasehookException refused = assertThrows(BasehookException.class,
                () -> guard.requireAllowed(new WebhookUrl("https://billing.corp.example/hook")));

        assertEquals("blocked_address", refused.code());
        for (String text : List.of(refused.getMessage(), refused.errors().get(0).message())) {
            assertTrue(text.contains("internal address"), text);
            assertFalse(text.contains("10.77"), text);
        }
    }

    @Test
    void theHostIsResolvedByTheSendersResolver() {
        try (ApplicationContext context = ApplicationContext.run()) {
            WebhookAddressGuard guard = context.getBean(WebhookAddressGuard.class);

            // the JDK reads 2130706433 as 127.0.0.1; the sender's resolver takes it for a name, and so does the guard
            BasehookException refused = assertThrows(BasehookException.class,
                    () -> guard.requireAllowed(new WebhookUrl("http://2130706433:8080/")));

            assertEquals("unknown_host", refused.code());
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
        try (ApplicationContext context = ApplicationContext.run()) {
            WebhookAddressGuard guard = context.getBean(WebhookAddressGuard.class);
            for (String url : List.of("https://93.184.216.34/hook", "https://8.8.8.8/", "https://[2606:4700::1111]/hook",
                    "https://[2606:4700:4700::1111]/hook", "http://[64:ff9b::808:808]/", "http://[2002:808:808::]/")) {
                assertDoesNotThrow(() -> guard.requireAllowed(new WebhookUrl(url)), url);
            }
        }
    }

    @Test
    void anUnknownHostIsInvalidToo() {
        WebhookAddressGuard guard = new WebhookAddressGuard(new AddressRules(false, List.of()), host -> {
            throw new UnknownHostException(host);
        });

        BasehookException refused = assertThrows(BasehookException.class,
                () -> guard.requireAllowed(new WebhookUrl("https://no-such-host.invalid/hook")));

        assertEquals("unknown_host", refused.code());
        assertEquals(BasehookException.Kind.INVALID, refused.kind());
    }

    @Test
    void aMalformedAllowedNetworkStopsTheStartNamingTheKey() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> WebhookAddressGuard.rules(false, "10.0.0.0/8,intranet"));
        assertEquals(true, error.getMessage().startsWith("basehook.webhooks.allowed-networks"), error.getMessage());
    }
}
