package io.basehook.benchmark;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The endpoint of one webhook: records every request it gets and answers 200, at once or after a delay. */
final class Receiver implements AutoCloseable {

    /** One request as it arrived; {@code doneNanos} is when the 200 went out, so it includes the configured delay. */
    record Arrival(String eventId, String rowId, String opType, long seq, long arrivedNanos, long doneNanos) {
    }

    private final String name;
    private final String host;
    private final Duration delay;
    private final HttpServer server;
    private final ExecutorService threads;
    private final ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
    // distinct event ids, kept as they come so the drain wait can ask "all there?" cheaply
    private final Set<String> distinct = ConcurrentHashMap.newKeySet();

    /** {@code host}: how Basehook reaches us; anything but 127.0.0.1 listens on every interface. */
    Receiver(String name, Duration delay, String host) throws IOException {
        this.name = name;
        this.host = host;
        this.delay = delay;
        InetSocketAddress bind = host.equals("127.0.0.1") ? new InetSocketAddress(InetAddress.getLoopbackAddress(), 0) : new InetSocketAddress(0);
        this.server = HttpServer.create(bind, 1024);
        // Basehook keeps at most a few requests in flight per webhook; 32 threads keep the receiver from being the limit
        this.threads = Executors.newFixedThreadPool(32, r -> {
            Thread t = new Thread(r, "receiver-" + name);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String name() {
        return name;
    }

    boolean slow() {
        return !delay.isZero();
    }

    URI url() {
        return URI.create("http://" + host + ":" + server.getAddress().getPort() + "/hook/" + name);
    }

    int distinctCount() {
        return distinct.size();
    }

    int count() {
        return arrivals.size();
    }

    List<Arrival> arrivals() {
        return new ArrayList<>(arrivals);
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        try (exchange; InputStream in = exchange.getRequestBody()) {
            // the whole body must be read, or the connection cannot be kept alive
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String eventId = exchange.getRequestHeaders().getFirst("webhook-id");
            if (!delay.isZero()) {
                sleep(delay);
            }
            exchange.sendResponseHeaders(200, -1);
            long done = System.nanoTime();
            if (eventId != null) {
                distinct.add(eventId);
            }
            arrivals.add(new Arrival(eventId, stringField(body, "\"row_id\":\""), stringField(body, "\"op_type\":\""),
                    seq(body), arrived, done));
        }
    }

    // The payload is compact JSON written by Basehook (SPEC §4); a search is enough and costs the receiver nothing.
    private static String stringField(String body, String prefix) {
        int start = body.indexOf(prefix);
        if (start < 0) {
            return null;
        }
        start += prefix.length();
        int end = body.indexOf('"', start);
        return end < 0 ? null : body.substring(start, end);
    }

    // seq is the last field of data; lastIndexOf skips any cell text that might look like it
    private static long seq(String body) {
        int start = body.lastIndexOf("\"seq\":");
        if (start < 0) {
            return -1;
        }
        start += 6;
        int end = start;
        while (end < body.length() && Character.isDigit(body.charAt(end))) {
            end++;
        }
        return end == start ? -1 : Long.parseLong(body.substring(start, end));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
