package io.basehook.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SPEC §5 isolation (issue: "a bounded number of requests in flight per webhook, and non-blocking sending"): an
 * endpoint that never answers holds at most max-in-flight-per-webhook requests open, and the fast webhooks of its
 * own base and of another base get every event before its first request has even timed out.
 */
class IsolationTest {

    private static final int PER_WEBHOOK = 8;
    private static final int ROWS = 200;
    /** Far longer than the fast deliveries take on a busy machine: none of them may wait for it. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aHangingEndpointHoldsOnlyItsOwnSlotsAndTheOtherWebhooksGetEverythingBeforeItsFirstTimeout() {
        String database = SeparateDatabase.fresh("isolation");
        try (Hanging hanging = new Hanging(); Receiver sameBase = new Receiver(); Receiver otherBase = new Receiver();
             ChildBasehook child = ChildBasehook.start(database, Map.of(
                     "BASEHOOK_DELIVERY_TIMEOUT", TIMEOUT.toSeconds() + "s",
                     "BASEHOOK_DELIVERY_MAX_IN_FLIGHT_PER_WEBHOOK", Integer.toString(PER_WEBHOOK),
                     "BASEHOOK_DELIVERY_RETRY_SCHEDULE", "200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms",
                     "BASEHOOK_DELIVERY_POLL_INTERVAL", "100ms"))) {
            AdminClient api = new AdminClient(child.baseUrl());
            String shop = api.base("Shop");
            String other = api.base("Other");
            String hangingHook = api.webhook(shop, hanging.url());
            api.webhook(shop, sameBase.url());
            api.webhook(other, otherBase.url());
            String shopRows = api.rows(shop);
            String otherRows = api.rows(other);

            for (int batch = 0; batch < 4; batch++) {
                api.insert(shopRows, "shop-" + batch, ROWS / 4);
                api.insert(otherRows, "other-" + batch, ROWS / 4);
            }
            Receiver.awaitUntil(WAIT, () -> sameBase.received().size() >= ROWS && otherBase.received().size() >= ROWS);
            // read at the moment the fast ones are done: had a request of the hanging one timed out, a next would be there
            int hangingRequests = hanging.requests();

            assertEquals(ROWS, distinctIds(sameBase), "the fast webhook of the hanging one's base got every event");
            assertEquals(ROWS, distinctIds(otherBase), "the webhook of another base got every event");
            assertEquals(PER_WEBHOOK, hangingRequests, "the hanging endpoint got its " + PER_WEBHOOK
                    + " requests and no more, and all the fast deliveries were done before its first timeout");

            // its timeouts free its slots for its next deliveries, and still no more than its bound are open at once
            Receiver.awaitUntil(WAIT, () -> hanging.requests() >= 2 * PER_WEBHOOK);
            assertTrue(hanging.requests() >= 2 * PER_WEBHOOK, () -> "requests after the first timeouts: " + hanging.requests());
            assertEquals(PER_WEBHOOK, hanging.maxOpen(), "requests open at once at the hanging endpoint");

            List<JsonNode> retrying = api.deliveries(hangingHook, "retrying");
            assertFalse(retrying.isEmpty(), "a timed-out attempt is retried");
            JsonNode attempt = api.ok(200, "GET", hangingHook + "/deliveries/" + retrying.get(retrying.size() - 1)
                    .get("id").asText(), null).get("attemptLog").get(0);
            assertEquals("timeout", attempt.get("error").asText(), attempt::toString);
        }
    }

    private static int distinctIds(Receiver receiver) {
        return receiver.received().stream().map(request -> request.header("webhook-id")).collect(Collectors.toSet()).size();
    }

    /**
     * An endpoint that reads each request and never answers, on raw sockets so it sees when the client gives up:
     * a request is open from its arrival until its connection closes.
     */
    private static final class Hanging implements AutoCloseable {

        private final ServerSocket server;
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final AtomicInteger requests = new AtomicInteger();
        private final AtomicInteger open = new AtomicInteger();
        private final AtomicInteger maxOpen = new AtomicInteger();

        Hanging() {
            try {
                server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            threads.execute(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        threads.execute(() -> hold(socket));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
        }

        int requests() {
            return requests.get();
        }

        int maxOpen() {
            return maxOpen.get();
        }

        private void hold(Socket socket) {
            try (socket; InputStream in = socket.getInputStream()) {
                if (!readHead(in)) {
                    return; // a connection without a request is no request
                }
                requests.incrementAndGet();
                maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                try {
                    // the body and then nothing: read until the client closes the connection
                    while (in.read() != -1) {
                        // discard
                    }
                } finally {
                    open.decrementAndGet();
                }
            } catch (IOException reset) {
                // the client gave up: that ends the request too
            }
        }

        private static boolean readHead(InputStream in) throws IOException {
            int last4 = 0;
            int next;
            while ((next = in.read()) != -1) {
                last4 = (last4 << 8) | next;
                if (last4 == 0x0D0A0D0A) { // CR LF CR LF ends the head
                    return true;
                }
            }
            return false;
        }

        @Override
        public void close() {
            try {
                server.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            threads.shutdownNow();
        }
    }
}
