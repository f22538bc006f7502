package io.basehook.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Isolation (issue: "a bounded number of requests in flight per webhook, and non-blocking sending"): an
 * endpoint that never answers holds at most max-in-flight-per-webhook requests open, and the fast webhooks of its
 * own base and of another base get every event before its first request has even timed out.
 */
class IsolationTest {

    private static final int PER_WEBHOOK = 8;
    private static final int ROWS = 200;
    /** Longer than the head a claim reads (twice its batch of 200): the head is all backlog. */
    private static final int BACKLOG = 1500;
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

    /**
     * A webhook created while another one has a backlog longer than a claim's head (here a hanging endpoint's) is
     * a new lane, held back until a claim shows it has nothing due of its own. The claims' head is full of the
     * backlog, so that must be asked per webhook: before it was, the new webhook's deliveries waited for their
     * lease to run out (the timeout plus 45 s).
     */
    @Test
    void aWebhookCreatedBehindAnotherOnesLongBacklogGetsItsDeliveriesBeforeThatOnesFirstTimeout() {
        String database = SeparateDatabase.fresh("isolation_new_lane");
        try (Hanging hanging = new Hanging(); Receiver late = new Receiver();
             ChildBasehook child = ChildBasehook.start(database, Map.of(
                     "BASEHOOK_DELIVERY_TIMEOUT", TIMEOUT.toSeconds() + "s",
                     "BASEHOOK_DELIVERY_MAX_IN_FLIGHT_PER_WEBHOOK", Integer.toString(PER_WEBHOOK)))) {
            AdminClient api = new AdminClient(child.baseUrl());
            String shop = api.base("Shop");
            String hangingHook = api.webhook(shop, hanging.url());
            String shopRows = api.rows(shop);
            for (int batch = 0; batch < BACKLOG / 100; batch++) {
                api.insert(shopRows, "shop-" + batch, 100);
            }
            Receiver.awaitUntil(WAIT, () -> hanging.requests() >= PER_WEBHOOK);
            // claimed ahead for the lane shows as sending: the backlog is what is pending or claimed
            assertTrue(api.deliveries(hangingHook, "pending").size() + api.deliveries(hangingHook, "sending").size()
                    >= BACKLOG - PER_WEBHOOK,
                    "the hanging endpoint's backlog is there, longer than a claim's head");

            String other = api.base("Other");
            api.webhook(other, late.url());
            String otherRows = api.rows(other);
            for (int i = 0; i < 5; i++) {
                api.insert(otherRows, "late-" + i, 1);
            }
            Receiver.awaitUntil(WAIT, () -> late.received().size() >= 5);

            assertEquals(5, distinctIds(late), "the new webhook got every event");
            assertEquals(PER_WEBHOOK, hanging.requests(), "and before the hanging endpoint's first timeout");
        }
    }

    private static int distinctIds(Receiver receiver) {
        return receiver.received().stream().map(request -> request.header("webhook-id")).collect(Collectors.toSet()).size();
    }

    /**
     * An endpoint that reads each request and never answers, on raw sockets so it sees when the client gives up:
     * a request is open from its arrival until its connection closes. One selector thread serves every connection,
     * and before it counts a new request it first reads every open one to its end where the client has closed it:
     * the client closes a timed-out connection before it opens the next, so that order is what gets counted, not
     * which of two threads the scheduler happened to wake first.
     */
    private static final class Hanging implements AutoCloseable {

        private final ServerSocketChannel server;
        private final Selector selector;
        private final Thread loop;
        private final AtomicInteger requests = new AtomicInteger();
        private final AtomicInteger maxOpen = new AtomicInteger();
        private volatile boolean closing;
        private int open;

        Hanging() {
            try {
                selector = Selector.open();
                server = ServerSocketChannel.open();
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
                server.configureBlocking(false);
                server.register(selector, SelectionKey.OP_ACCEPT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            loop = new Thread(this::serve, "hanging-endpoint");
            loop.setDaemon(true);
            loop.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.socket().getLocalPort() + "/hook";
        }

        int requests() {
            return requests.get();
        }

        int maxOpen() {
            return maxOpen.get();
        }

        private void serve() {
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            try (selector; server) {
                while (!closing) {
                    selector.select(100);
                    for (SelectionKey key : selector.selectedKeys()) {
                        if (!key.isValid()) {
                            continue;
                        }
                        if (key.isAcceptable()) {
                            SocketChannel socket = server.accept();
                            if (socket != null) {
                                socket.configureBlocking(false);
                                socket.register(selector, SelectionKey.OP_READ, new Request());
                            }
                        } else if (key.isReadable()) {
                            read(key, buffer);
                        }
                    }
                    selector.selectedKeys().clear();
                }
                for (SelectionKey key : selector.keys()) {
                    key.channel().close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Reads what has come; a completed head is counted as a request after the ends of the others are seen. */
        private void read(SelectionKey key, ByteBuffer buffer) {
            Request request = (Request) key.attachment();
            if (!drain(key, buffer) || request.counted) {
                return;
            }
            buffer.flip();
            boolean headEnded = request.feed(buffer);
            buffer.clear();
            if (headEnded) {
                for (SelectionKey other : selector.keys()) {
                    if (other != key && other.attachment() instanceof Request held && held.counted && other.isValid()) {
                        drain(other, buffer);
                        buffer.clear();
                    }
                }
                request.counted = true;
                requests.incrementAndGet();
                open++;
                maxOpen.accumulateAndGet(open, Math::max);
            }
        }

        /** Reads without blocking; false (and the request's end counted) once the client has closed the connection. */
        private boolean drain(SelectionKey key, ByteBuffer buffer) {
            SocketChannel socket = (SocketChannel) key.channel();
            int read;
            try {
                read = socket.read(buffer);
            } catch (IOException reset) {
                read = -1; // the client gave up: that ends the request too
            }
            if (read >= 0) {
                return true;
            }
            key.cancel();
            try {
                socket.close();
            } catch (IOException ignored) {
                // closed anyway
            }
            if (((Request) key.attachment()).counted) {
                open--;
            }
            return false;
        }

        @Override
        public void close() {
            closing = true;
            selector.wakeup();
            try {
                loop.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** One connection: its head so far, and whether its request has been counted. */
        private static final class Request {
            private int last4;
            boolean counted;

            boolean feed(ByteBuffer bytes) {
                while (bytes.hasRemaining()) {
                    last4 = (last4 << 8) | (bytes.get() & 0xFF);
                    if (last4 == 0x0D0A0D0A) { // CR LF CR LF ends the head
                        return true;
                    }
                }
                return false;
            }
        }
    }
}
