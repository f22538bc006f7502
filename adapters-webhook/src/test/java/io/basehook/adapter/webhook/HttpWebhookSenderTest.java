package io.basehook.adapter.webhook;

import io.basehook.domain.delivery.WebhookMessage;
import com.svix.Webhook;
import io.basehook.domain.delivery.Attempt;
import io.basehook.domain.delivery.AttemptError;
import io.basehook.domain.row.EventId;
import io.basehook.domain.webhook.WebhookSecret;
import io.basehook.domain.webhook.WebhookUrl;
import io.micronaut.context.ApplicationContext;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against a real receiver (MockWebServer on 127.0.0.1, hence private addresses allowed here). */
class HttpWebhookSenderTest {

    private static final String PAYLOAD = "{\"event\":\"update\",\"data\":{\"row_name\":\"Grüße 👋\",\"seq\":42}}";

    private static ApplicationContext context;
    private static HttpWebhookSender sender;
    private MockWebServer receiver;

    @BeforeAll
    static void startContext() {
        context = ApplicationContext.run(Map.of("basehook.webhooks.allow-private-addresses", "true"));
        sender = context.getBean(HttpWebhookSender.class);
    }

    @AfterAll
    static void stopContext() {
        context.close();
    }

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = new MockWebServer();
        receiver.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private WebhookUrl url() {
        return new WebhookUrl("http://127.0.0.1:" + receiver.getPort() + "/hooks/basehook?team=7");
    }

    private Attempt send(String payload, WebhookSecret... secrets) {
        return sender.send(new WebhookMessage(url(), EventId.at(Instant.now()), payload, List.of(secrets))).join();
    }

    private static MockResponse respond(int code, String body) {
        return new MockResponse.Builder().code(code).body(body).build();
    }

    @Test
    void postsTheExactBodyWithSpecHeadersThatSvixVerifies() throws Exception {
        receiver.enqueue(respond(200, "ok"));
        WebhookSecret secret = WebhookSecret.generate();
        EventId eventId = EventId.at(Instant.now());
        long before = Instant.now().getEpochSecond();

        Attempt attempt = sender.send(new WebhookMessage(url(), eventId, PAYLOAD, List.of(secret))).join();

        RecordedRequest request = receiver.takeRequest();
        assertEquals("POST", request.getMethod());
        assertEquals("/hooks/basehook?team=7", request.getTarget());
        assertArrayEquals(PAYLOAD.getBytes(StandardCharsets.UTF_8), request.getBody().toByteArray());
        assertEquals("application/json", request.getHeaders().get("Content-Type"));
        assertTrue(request.getHeaders().get("User-Agent").matches("Basehook/\\d+\\.\\d+\\.\\d+\\S*"),
                "the project's version: " + request.getHeaders().get("User-Agent"));
        assertEquals(eventId.value(), request.getHeaders().get("webhook-id"));
        long timestamp = Long.parseLong(request.getHeaders().get("webhook-timestamp"));
        assertTrue(timestamp >= before && timestamp <= Instant.now().getEpochSecond(), "epoch seconds at send");
        assertTrue(request.getHeaders().get("webhook-signature").matches("v1,[A-Za-z0-9+/]{43}="));

        // an implementation we did not write; it throws unless the signature and timestamp check out
        new Webhook(secret.reveal()).verify(request.getBody().utf8(), request.getHeaders().toMultimap());

        assertEquals("sha256=" + Hmac.hex(secret.reveal(), PAYLOAD), request.getHeaders().get("X-SeaTable-Signature"));
        assertTrue(attempt.succeeded());
        for (Map.Entry<String, String> sent : attempt.requestHeaders().entrySet()) {
            assertEquals(sent.getValue(), request.getHeaders().get(sent.getKey()), "logged as sent: " + sent.getKey());
        }
        assertEquals(Set.of("Content-Type", "User-Agent", "webhook-id", "webhook-timestamp", "webhook-signature",
                "X-SeaTable-Signature"), attempt.requestHeaders().keySet());
    }

    @Test
    void duringARotationEachSecretVerifiesItsOwnSignature() throws Exception {
        receiver.enqueue(respond(204, ""));
        WebhookSecret current = WebhookSecret.generate();
        WebhookSecret previous = WebhookSecret.generate();

        Attempt attempt = send(PAYLOAD, current, previous);

        RecordedRequest request = receiver.takeRequest();
        String[] signatures = request.getHeaders().get("webhook-signature").split(" ");
        assertEquals(2, signatures.length);
        for (WebhookSecret secret : List.of(current, previous)) {
            new Webhook(secret.reveal()).verify(request.getBody().utf8(), request.getHeaders().toMultimap());
        }
        // each signature on its own verifies with exactly one of the secrets, current first
        Map<String, List<String>> onlyFirst = new HashMap<>(request.getHeaders().toMultimap());
        onlyFirst.put("webhook-signature", List.of(signatures[0]));
        new Webhook(current.reveal()).verify(request.getBody().utf8(), onlyFirst);
        Map<String, List<String>> onlySecond = new HashMap<>(request.getHeaders().toMultimap());
        onlySecond.put("webhook-signature", List.of(signatures[1]));
        new Webhook(previous.reveal()).verify(request.getBody().utf8(), onlySecond);
        assertTrue(verifyFails(current, request.getBody().utf8(), onlySecond));
        // SeaTable's header carries the current secret only
        assertEquals("sha256=" + Hmac.hex(current.reveal(), PAYLOAD), request.getHeaders().get("X-SeaTable-Signature"));
        assertTrue(attempt.succeeded());
    }

    private static boolean verifyFails(WebhookSecret secret, String body, Map<String, List<String>> headers) {
        try {
            new Webhook(secret.reveal()).verify(body, headers);
            return false;
        } catch (Exception expected) {
            return true;
        }
    }

    @Test
    void aSecretWithoutWhsecPrefixSignsWithItsUtf8Bytes() throws Exception {
        receiver.enqueue(respond(200, ""));
        WebhookSecret secret = WebhookSecret.supplied("my-own-seatable-secret-1234");

        send(PAYLOAD, secret);

        RecordedRequest request = receiver.takeRequest();
        String signed = request.getHeaders().get("webhook-id") + "." + request.getHeaders().get("webhook-timestamp")
                + "." + request.getBody().utf8();
        assertEquals("v1," + Hmac.base64("my-own-seatable-secret-1234", signed), request.getHeaders().get("webhook-signature"));
        assertEquals("sha256=" + Hmac.hex("my-own-seatable-secret-1234", PAYLOAD), request.getHeaders().get("X-SeaTable-Signature"));
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204, 299})
    void any2xxIsSuccess(int status) {
        receiver.enqueue(respond(status, ""));

        Attempt attempt = send(PAYLOAD, WebhookSecret.generate());

        assertTrue(attempt.succeeded());
        assertEquals(status, attempt.responseStatus());
        assertNull(attempt.error());
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404, 410, 500, 502})
    void anErrorStatusIsAnAnsweredFailureWithHeadersAndBody(int status) {
        receiver.enqueue(new MockResponse.Builder().code(status).addHeader("X-Request-Id", "r-1")
                .addHeader("Content-Type", "text/plain").body("receiver says no").build());

        Attempt attempt = send(PAYLOAD, WebhookSecret.generate());

        assertFalse(attempt.succeeded());
        assertEquals(status, attempt.responseStatus());
        assertEquals("receiver says no", attempt.responseBody());
        assertEquals("r-1", attempt.responseHeaders().get("x-request-id"));
        assertEquals("text/plain", attempt.responseHeaders().get("content-type"));
        assertNull(attempt.error());
        assertNull(attempt.retryAfter(), "only 429 and 503 are asked when to come back");
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 307, 308})
    void aRedirectIsNotFollowedAndFails(int status) throws Exception {
        receiver.enqueue(new MockResponse.Builder().code(status).addHeader("Location", "/elsewhere").build());
        receiver.enqueue(respond(200, "should never be asked"));

        Attempt attempt = send(PAYLOAD, WebhookSecret.generate());

        assertFalse(attempt.succeeded());
        assertEquals(status, attempt.responseStatus());
        assertEquals("/elsewhere", attempt.responseHeaders().get("location"));
        assertEquals(1, receiver.getRequestCount());
    }

    @Test
    void keepsTheFirst4KiBOfALargeBody() {
        receiver.enqueue(respond(500, "x".repeat(10 * 1024)));

        Attempt attempt = send(PAYLOAD, WebhookSecret.generate());

        assertEquals("x".repeat(4096), attempt.responseBody());
    }

    private static Buffer bytes(int size) {
        return new Buffer().write("x".repeat(size).getBytes(StandardCharsets.US_ASCII));
    }

    // any 2xx is a success whatever its size: the first 4 KiB are kept, the rest is read and thrown away
    @ParameterizedTest
    @ValueSource(ints = {2, 20})
    void a2xxWithABodyOfManyMebibytesIsASuccess(int mebibytes) {
        receiver.enqueue(new MockResponse.Builder().code(200).body(bytes(mebibytes << 20)).build());

        Attempt attempt = send(PAYLOAD, WebhookSecret.generate());

        assertTrue(attempt.succeeded(), () -> String.valueOf(attempt));
        assertNull(attempt.error(), attempt.errorDetail());
        assertEquals(200, attempt.responseStatus());
        assertEquals("x".repeat(4096), attempt.responseBody());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 20})
    void aChunked2xxOfManyMebibytesIsASuccess(int mebibytes) {
        receiver.enqueue(new MockResponse.Builder().code(201).chunkedBody(bytes(mebibytes << 20), 64 * 1024).build());

        Attempt attempt = send(PAYLOAD, WebhookSecret.generate());

        assertTrue(attempt.succeeded(), () -> String.valueOf(attempt));
        assertEquals("x".repeat(4096), attempt.responseBody());
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 404})
    void aLargeErrorBodyIsAnAnswerWithItsStatusNotAConnectionFailure(int status) {
        receiver.enqueue(new MockResponse.Builder().code(status).body(bytes(20 << 20)).build());

        Attempt attempt = send(PAYLOAD, WebhookSecret.generate());

        assertFalse(attempt.succeeded());
        assertNull(attempt.error(), attempt.errorDetail());
        assertEquals(status, attempt.responseStatus());
        assertEquals("x".repeat(4096), attempt.responseBody());
    }

    // discarded rather than cut off: the connection stays usable for the next request
    @Test
    void aLargeBodyLeavesItsConnectionAliveForTheNextRequest() throws Exception {
        receiver.enqueue(new MockResponse.Builder().code(200).body(bytes(20 << 20)).build());
        for (int i = 0; i < 5; i++) {
            receiver.enqueue(respond(200, "ok"));
        }

        for (int i = 0; i < 6; i++) {
            assertTrue(send(PAYLOAD, WebhookSecret.generate()).succeeded());
        }

        int large = receiver.takeRequest().getConnectionIndex();
        List<Integer> later = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            later.add(receiver.takeRequest().getConnectionIndex());
        }
        assertTrue(later.contains(large), "the large answer's connection " + large + " served again: " + later);
    }

    @Test
    void cutsTheBodyBeforeACharacterTheLimitWouldSplit() {
        byte[] body = ("a".repeat(4095) + "é").getBytes(StandardCharsets.UTF_8);

        assertEquals("a".repeat(4095), HttpWebhookSender.preview(body));
        assertEquals("é", HttpWebhookSender.preview("é".getBytes(StandardCharsets.UTF_8)));
        assertEquals("", HttpWebhookSender.preview(new byte[0]));
    }

    @Test
    void a429RetryAfterInSecondsIsKept() {
        receiver.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7").build());

        Attempt attempt = send(PAYLOAD, WebhookSecret.generate());

        assertEquals(429, attempt.responseStatus());
        assertEquals(Duration.ofSeconds(7), attempt.retryAfter());
    }

    @Test
    void a503RetryAfterAsAnHttpDateIsKept() {
        Instant inAnHour = Instant.now().plusSeconds(3600);
        receiver.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After",
                DateTimeFormatter.RFC_1123_DATE_TIME.format(inAnHour.atZone(ZoneOffset.UTC))).build());

        Attempt attempt = send(PAYLOAD, WebhookSecret.generate());

        assertEquals(503, attempt.responseStatus());
        long seconds = attempt.retryAfter().toSeconds();
        assertTrue(seconds > 3500 && seconds <= 3600, "about an hour: " + attempt.retryAfter());
    }

    @Test
    void aClosedPortIsRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }

        Attempt attempt = sender.send(new WebhookMessage(new WebhookUrl("http://127.0.0.1:" + port + "/"), EventId.at(Instant.now()),
                PAYLOAD, List.of(WebhookSecret.generate()))).join();

        assertEquals(AttemptError.CONNECTION_REFUSED, attempt.error());
        assertNull(attempt.responseStatus());
        assertFalse(attempt.succeeded());
        assertTrue(attempt.requestHeaders().containsKey("webhook-signature"), "what would have been sent is logged");
    }

    @Test
    void anUnknownHostIsReported() {
        Attempt attempt = sender.send(new WebhookMessage(new WebhookUrl("http://no-such-host.invalid/"), EventId.at(Instant.now()),
                PAYLOAD, List.of(WebhookSecret.generate()))).join();

        assertEquals(AttemptError.UNKNOWN_HOST, attempt.error(), attempt.errorDetail());
    }

    @Test
    void tlsToAPlainHttpServerIsATlsError() {
        receiver.enqueue(respond(200, ""));

        Attempt attempt = sender.send(new WebhookMessage(new WebhookUrl("https://127.0.0.1:" + receiver.getPort() + "/"),
                EventId.at(Instant.now()), PAYLOAD, List.of(WebhookSecret.generate()))).join();

        assertEquals(AttemptError.TLS, attempt.error(), attempt.errorDetail());
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeIsATimeout() throws Exception {
        try (ApplicationContext shortTimeout = ApplicationContext.run(Map.of(
                "basehook.webhooks.allow-private-addresses", "true", "basehook.delivery.timeout", "300ms"));
             // the kernel accepts the connection into the backlog; nobody ever reads or answers
             ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {

            Attempt attempt = shortTimeout.getBean(HttpWebhookSender.class).send(new WebhookMessage(
                    new WebhookUrl("http://127.0.0.1:" + silent.getLocalPort() + "/"), EventId.at(Instant.now()),
                    PAYLOAD, List.of(WebhookSecret.generate()))).get(10, TimeUnit.SECONDS);

            assertEquals(AttemptError.TIMEOUT, attempt.error(), attempt.errorDetail());
            assertNull(attempt.responseStatus());
        }
    }

    @Test
    void aConnectThatDoesNotCompleteInTheConnectTimeoutIsATimeout() throws Exception {
        try (ApplicationContext shortConnect = ApplicationContext.run(Map.of(
                "basehook.webhooks.allow-private-addresses", "true", "basehook.delivery.connect-timeout", "200ms"));
             ServerSocket full = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             // two unaccepted connections fill a backlog of one: the kernel then drops further SYNs
             Socket first = new Socket("127.0.0.1", full.getLocalPort());
             Socket second = new Socket("127.0.0.1", full.getLocalPort())) {

            Attempt attempt = shortConnect.getBean(HttpWebhookSender.class).send(new WebhookMessage(
                    new WebhookUrl("http://127.0.0.1:" + full.getLocalPort() + "/"), EventId.at(Instant.now()),
                    PAYLOAD, List.of(WebhookSecret.generate()))).get(10, TimeUnit.SECONDS);

            assertEquals(AttemptError.TIMEOUT, attempt.error(), attempt.errorDetail());
            assertTrue(attempt.errorDetail().contains("connection timed out"), attempt.errorDetail());
        }
    }

    @Test
    void sendReturnsBeforeTheReceiverAnswers() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        receiver.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                answer.await(10, TimeUnit.SECONDS);
                return respond(200, "late");
            }
        });

        CompletableFuture<Attempt> attempt = sender.send(new WebhookMessage(url(), EventId.at(Instant.now()), PAYLOAD,
                List.of(WebhookSecret.generate())));

        assertFalse(attempt.isDone(), "the caller's thread is free while the receiver thinks");
        answer.countDown();
        assertEquals("late", attempt.get(10, TimeUnit.SECONDS).responseBody());
    }

    /**
     * Micronaut's client keeps connections alive and pools them by default. It completes the response a moment
     * before the connection is back in the pool, so a send made that very instant may open a second connection;
     * hence "a few connections, many exchanges each" rather than exactly one.
     */
    @Test
    void sequentialSendsReuseKeptAliveConnections() throws Exception {
        for (int i = 0; i < 20; i++) {
            receiver.enqueue(respond(200, "ok"));
        }

        for (int i = 0; i < 20; i++) {
            assertTrue(send(PAYLOAD, WebhookSecret.generate()).succeeded());
        }

        Map<Integer, Integer> exchangesPerConnection = new TreeMap<>();
        for (int i = 0; i < 20; i++) {
            RecordedRequest request = receiver.takeRequest();
            assertEquals("keep-alive", request.getHeaders().get("Connection"));
            exchangesPerConnection.merge(request.getConnectionIndex(), 1, Integer::sum);
        }
        assertTrue(exchangesPerConnection.size() <= 3, "20 requests on a few connections: " + exchangesPerConnection);
        assertTrue(exchangesPerConnection.values().stream().anyMatch(n -> n >= 7), "reused: " + exchangesPerConnection);
    }

    @Test
    void twoHundredConcurrentSendsAllSucceedOnAFewEventLoopThreads() throws Exception {
        receiver.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return respond(200, "ok");
            }
        });
        Set<String> completingThreads = ConcurrentHashMap.newKeySet();
        String caller = Thread.currentThread().getName();

        List<CompletableFuture<Attempt>> attempts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            CompletableFuture<Attempt> attempt = sender.send(new WebhookMessage(url(), EventId.at(Instant.now()), PAYLOAD + i,
                    List.of(WebhookSecret.generate())));
            attempt.whenComplete((done, error) -> completingThreads.add(Thread.currentThread().getName()));
            attempts.add(attempt);
        }
        CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        for (CompletableFuture<Attempt> attempt : attempts) {
            assertTrue(attempt.join().succeeded(), () -> attempt.join().toString());
        }
        assertEquals(200, receiver.getRequestCount());
        completingThreads.remove(caller);
        assertTrue(completingThreads.size() <= 2 * Runtime.getRuntime().availableProcessors(),
                "completed on the event loop, not a thread per request: " + completingThreads);
    }

    @Test
    void neverCompletesExceptionallyEvenForNonsense() {
        CompletableFuture<Attempt> attempt = sender.send(null);

        assertFalse(attempt.isCompletedExceptionally());
        assertEquals(AttemptError.CONNECTION_FAILED, attempt.join().error());
    }
}
