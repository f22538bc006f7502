package io.basehook.bootstrap;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/** A real webhook receiver on 127.0.0.1 (JDK HTTP server) that records every request it gets. */
final class Receiver implements AutoCloseable {

    /** One request as it arrived. */
    record Received(String body, Map<String, List<String>> headers) {
        String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** What the receiver answers to one request: a status, response headers and a body (may be empty). */
    record Reply(int status, Map<String, String> headers, String body) {
        static Reply of(int status) {
            return new Reply(status, Map.of(), "");
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private volatile int status = 200;
    private volatile Function<Received, Reply> replies = request -> Reply.of(status);
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private volatile long delayMillis;
    private final AtomicInteger unanswered = new AtomicInteger();

    Receiver() {
        this(0);
    }

    /** On a given port, e.g. the one of a receiver that was closed: the same URL comes back to life. */
    Receiver(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            unanswered.incrementAndGet();
            try {
                Received request;
                try (InputStream in = exchange.getRequestBody()) {
                    request = new Received(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                            Map.copyOf(exchange.getRequestHeaders()));
                }
                received.add(request);
                try {
                    if (delayMillis > 0) {
                        Thread.sleep(delayMillis);
                    }
                    hold.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                Reply reply = replies.apply(request);
                reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
                byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    exchange.getResponseBody().write(body);
                }
            } finally {
                unanswered.decrementAndGet();
                exchange.close();
                open.decrementAndGet();
            }
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** From now on every request waits without an answer until {@link #release()}. */
    void hang() {
        hold = new CountDownLatch(1);
    }

    void release() {
        hold.countDown();
    }

    void answer(int statusCode) {
        status = statusCode;
        replies = request -> Reply.of(status);
    }

    /** Each request from now on gets what {@code replies} makes of it (called after any {@link #hang()}). */
    void answer(Function<Received, Reply> replies) {
        this.replies = replies;
    }

    /** The most requests this receiver has had open (arrived, not yet answered) at one moment. */
    int maxOpen() {
        return maxOpen.get();
    }

    /** From now on every answer comes {@code delay} after its request arrived, so attempts stay in flight. */
    void delay(Duration delay) {
        delayMillis = delay.toMillis();
    }

    /** Requests that arrived and have no answer yet (delayed or held). */
    int unanswered() {
        return unanswered.get();
    }

    /** How often each {@code webhook-id} arrived so far. */
    Map<String, Integer> countsById() {
        Map<String, Integer> counts = new HashMap<>();
        received.forEach(request -> counts.merge(request.header("webhook-id"), 1, Integer::sum));
        return counts;
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    /** Waits until {@code condition} holds, at most {@code timeout}; the caller asserts afterwards. */
    static void awaitUntil(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
