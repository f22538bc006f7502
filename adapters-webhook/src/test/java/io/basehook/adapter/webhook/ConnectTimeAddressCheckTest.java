package io.basehook.adapter.webhook;

import io.basehook.domain.webhook.AddressRules;
import io.basehook.domain.delivery.WebhookMessage;
import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.delivery.AttemptError;
import io.basehook.domain.row.EventId;
import io.basehook.domain.webhook.WebhookSecret;
import io.basehook.domain.webhook.WebhookUrl;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Address rules at each attempt: the sender never calls {@code requireAllowed}, so every refusal here comes from the
 * check on the address the connection is about to be made to.
 */
class ConnectTimeAddressCheckTest {

    private MockWebServer receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = new MockWebServer();
        receiver.start(InetAddress.getByName("127.0.0.1"), 0);
        receiver.enqueue(new MockResponse.Builder().code(200).body("reached").build());
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private static Attempt send(ApplicationContext context, String url) {
        return context.getBean(HttpWebhookSender.class)
                .send(new WebhookMessage(new WebhookUrl(url), EventId.at(Instant.now()), "{}", List.of(WebhookSecret.generate()))).join();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost"})
    void withTheSwitchOffALoopbackReceiverGetsNothing(String host) {
        try (ApplicationContext context = ApplicationContext.run()) {
            Attempt attempt = send(context, "http://" + host + ":" + receiver.getPort() + "/hook");

            assertEquals(AttemptError.BLOCKED_ADDRESS, attempt.error(), attempt.errorDetail());
            assertTrue(attempt.errorDetail().contains("internal address"), attempt.errorDetail());
            assertNull(attempt.responseStatus());
            assertEquals(0, receiver.getRequestCount());
        }
    }

    // DNS rebinding: the name answered a public address when the webhook was saved, and now answers loopback
    @Test
    void aNameThatPassedAtSaveButNowResolvesInsideIsRefusedAtTheAttempt() throws Exception {
        InetAddress publicAnswer = InetAddress.getByName("93.184.216.34");
        WebhookAddressGuard atSave = new WebhookAddressGuard(new AddressRules(false, List.of()), host -> List.of(publicAnswer));
        String url = "http://localhost:" + receiver.getPort() + "/hook";
        assertDoesNotThrow(() -> atSave.requireAllowed(new WebhookUrl(url)));

        try (ApplicationContext context = ApplicationContext.run()) {
            Attempt attempt = send(context, url); // this machine's resolver answers 127.0.0.1 (or ::1)

            assertEquals(AttemptError.BLOCKED_ADDRESS, attempt.error(), attempt.errorDetail());
            assertFalse(attempt.errorDetail().contains("127.0.0.1"), "no DNS answer echoed: " + attempt.errorDetail());
            assertEquals(0, receiver.getRequestCount());
        }
    }

    // the forms issue 22 found accepted, at the attempt: the same classifier refuses them before any packet
    @ParameterizedTest
    @ValueSource(strings = {"2002:7f00:1::", "2002:a9fe:a9fe::", "::ffff:0:7f00:1", "64:ff9b:1::7f00:1", "2001::1",
            "198.18.0.1", "192.0.0.1"})
    void theGuardRefusesEveryFormTheSaveRefuses(String address) throws Exception {
        WebhookConnectionCustomizer.Guard guard = new WebhookConnectionCustomizer.Guard(strictGuard());
        EmbeddedChannel channel = new EmbeddedChannel(false, false, guard);
        channel.register();

        ChannelFuture connect = channel.connect(new InetSocketAddress(InetAddress.getByName(address), 80));

        assertInstanceOf(BlockedAddressException.class, connect.cause());
    }

    private static WebhookAddressGuard strictGuard() {
        return new WebhookAddressGuard(new AddressRules(false, List.of()), host -> List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "https"})
    void noConnectionIsEvenOpened(String scheme) throws Exception {
        try (ApplicationContext context = ApplicationContext.run();
             ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {

            Attempt attempt = send(context, scheme + "://127.0.0.1:" + listener.getLocalPort() + "/hook");

            assertEquals(AttemptError.BLOCKED_ADDRESS, attempt.error(), attempt.errorDetail());
            // a TCP connect, had there been one, would already wait in the backlog: accept would return at once
            listener.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, listener::accept);
        }
    }

    @Test
    void anAllowedNetworkLetsTheAttemptThrough() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("basehook.webhooks.allowed-networks", "127.0.0.0/8"))) {
            Attempt attempt = send(context, "http://localhost:" + receiver.getPort() + "/hook");

            assertTrue(attempt.succeeded(), () -> String.valueOf(attempt));
            assertEquals("reached", attempt.responseBody());
        }
    }

    @Test
    void otherMicronautClientsOfTheApplicationAreLeftAlone() throws Exception {
        try (ApplicationContext context = ApplicationContext.run()) {
            assertEquals(AttemptError.BLOCKED_ADDRESS,
                    send(context, "http://127.0.0.1:" + receiver.getPort() + "/hook").error());
            receiver.enqueue(new MockResponse.Builder().code(200).body("reached").build());

            HttpClient other = context.getBean(HttpClient.class);
            HttpResponse<String> response = other.toBlocking()
                    .exchange(HttpRequest.GET("http://127.0.0.1:" + receiver.getPort() + "/health"), String.class);

            assertEquals(200, response.code());
            assertEquals(1, receiver.getRequestCount());
        }
    }

    @Test
    void theGuardFailsTheConnectPromiseOfABlockedAddress() throws Exception {
        WebhookConnectionCustomizer.Guard guard = new WebhookConnectionCustomizer.Guard(strictGuard());
        EmbeddedChannel channel = new EmbeddedChannel(false, false, guard);
        channel.register();

        ChannelFuture connect = channel.connect(new InetSocketAddress("169.254.169.254", 80));

        assertInstanceOf(BlockedAddressException.class, connect.cause());
        assertNotNull(channel.pipeline().get(WebhookConnectionCustomizer.Guard.class));
    }

    @Test
    void theGuardStepsAsideOnceAnAllowedConnectIsUnderWay() throws Exception {
        WebhookConnectionCustomizer.Guard guard = new WebhookConnectionCustomizer.Guard(strictGuard());
        EmbeddedChannel channel = new EmbeddedChannel(false, false, guard);
        channel.register();

        ChannelFuture connect = channel.connect(new InetSocketAddress("93.184.216.34", 443));

        assertTrue(connect.isSuccess(), () -> String.valueOf(connect.cause()));
        assertNull(channel.pipeline().get(WebhookConnectionCustomizer.Guard.class));
    }

    @Test
    void anUnresolvedAddressIsRefusedRatherThanResolvedBehindTheCheck() throws Exception {
        WebhookConnectionCustomizer.Guard guard = new WebhookConnectionCustomizer.Guard(new WebhookAddressGuard(new AddressRules(true, List.of()), host -> List.of()));
        EmbeddedChannel channel = new EmbeddedChannel(false, false, guard);
        channel.register();

        ChannelFuture connect = channel.connect(InetSocketAddress.createUnresolved("example.com", 80));

        assertInstanceOf(BlockedAddressException.class, connect.cause());
    }
}
