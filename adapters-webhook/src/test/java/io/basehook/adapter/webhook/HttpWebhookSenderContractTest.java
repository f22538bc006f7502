package io.basehook.adapter.webhook;

import io.basehook.domain.delivery.WebhookPort;
import io.basehook.domain.webhook.WebhookUrl;
import io.basehook.testkit.contract.WebhookPortContract;
import io.micronaut.context.ApplicationContext;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@link HttpWebhookSender} keeps the port's contract against real receivers on 127.0.0.1 (hence private addresses
 * allowed): a MockWebServer that answers the status its path names, a closed port, and a socket that never answers
 * (with the delivery timeout short, so that test takes seconds).
 */
class HttpWebhookSenderContractTest implements WebhookPortContract {

    private static ApplicationContext context;
    private static HttpWebhookSender sender;
    private MockWebServer receiver;
    private ServerSocket silent;
    private final List<Received> received = new ArrayList<>();

    @BeforeAll
    static void startContext() {
        context = ApplicationContext.run(Map.of("basehook.webhooks.allow-private-addresses", "true",
                "basehook.delivery.timeout", "2s"));
        sender = context.getBean(HttpWebhookSender.class);
    }

    @AfterAll
    static void stopContext() {
        context.close();
    }

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = new MockWebServer();
        receiver.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                int status = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
                return new MockResponse.Builder().code(status).body("answered " + status).build();
            }
        });
        receiver.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stopReceivers() throws IOException {
        receiver.close();
        if (silent != null) {
            silent.close();
        }
    }

    @Override
    public WebhookPort port() {
        return sender;
    }

    @Override
    public WebhookUrl receiverAnswering(int status) {
        return new WebhookUrl("http://127.0.0.1:" + receiver.getPort() + "/hooks/" + status);
    }

    @Override
    public WebhookUrl refusingTarget() {
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return new WebhookUrl("http://127.0.0.1:" + closed.getLocalPort() + "/");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The kernel accepts the connection into the backlog; nobody ever reads or answers. */
    @Override
    public WebhookUrl silentTarget() {
        try {
            silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            return new WebhookUrl("http://127.0.0.1:" + silent.getLocalPort() + "/");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<Received> received() throws InterruptedException {
        for (RecordedRequest request = receiver.takeRequest(100, TimeUnit.MILLISECONDS); request != null;
             request = receiver.takeRequest(100, TimeUnit.MILLISECONDS)) {
            received.add(new Received(request.getBody().toByteArray(), request.getHeaders().get("webhook-id")));
        }
        return List.copyOf(received);
    }
}
