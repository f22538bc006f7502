package io.basehook.benchmark;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The endpoint of one webhook: records every request it gets and answers 200, at once or after a delay.
 * A blocking HTTP/1.1 server on plain sockets, one thread per kept-alive connection (Basehook opens at most a
 * few per webhook): the thread that reads a request answers it, so a receipt costs little CPU of the machine the
 * service is measured on.
 */
final class Receiver implements AutoCloseable {

    /** One request as it arrived; {@code doneNanos} is when the 200 went out, so it includes the configured delay. */
    record Arrival(String eventId, String rowId, String opType, long seq, long arrivedNanos, long doneNanos) {
    }

    private static final byte[] OK = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final long THREAD_STACK_BYTES = 256 * 1024;

    private final String name;
    private final String host;
    private final Duration delay;
    private final ServerSocket server;
    private final Thread acceptor;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> handlers = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
    // distinct event ids, kept as they come so the drain wait can ask "all there?" cheaply
    private final Set<String> distinct = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** {@code host}: how Basehook reaches us; anything but 127.0.0.1 listens on every interface. */
    Receiver(String name, Duration delay, String host) throws IOException {
        this.name = name;
        this.host = host;
        this.delay = delay;
        InetSocketAddress bind = host.equals("127.0.0.1") ? new InetSocketAddress(InetAddress.getLoopbackAddress(), 0) : new InetSocketAddress(0);
        this.server = new ServerSocket();
        try {
            server.bind(bind, 1024);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        this.acceptor = new Thread(this::accept, "receiver-" + name + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String name() {
        return name;
    }

    boolean slow() {
        return !delay.isZero();
    }

    URI url() {
        return URI.create("http://" + host + ":" + server.getLocalPort() + "/hook/" + name);
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

    private void accept() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                sleep(Duration.ofMillis(10)); // e.g. out of file descriptors: try again, not in a tight loop
                continue;
            }
            try {
                socket.setTcpNoDelay(true); // the 200 must not wait for Nagle's algorithm
            } catch (IOException e) {
                closeQuietly(socket);
                continue;
            }
            connections.add(socket);
            Thread handler = new Thread(null, () -> serve(socket), "receiver-" + name, THREAD_STACK_BYTES);
            handler.setDaemon(true);
            handlers.add(handler);
            if (closed) { // close() may have run between accept() and here
                connections.remove(socket);
                handlers.remove(handler);
                closeQuietly(socket);
                return;
            }
            handler.start();
        }
    }

    /** Answers the requests of one connection, one after the other, until Basehook or close() ends it. */
    private void serve(Socket socket) {
        try (socket) {
            HttpInput in = new HttpInput(socket.getInputStream(), 16 * 1024);
            OutputStream out = socket.getOutputStream();
            while (!closed && in.await()) {
                long arrived = System.nanoTime(); // the first byte of the request is here
                if (!handle(in, out, arrived)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the connection ended (closed by Basehook, reset, or close()): nothing to answer any more
        } finally {
            connections.remove(socket);
            handlers.remove(Thread.currentThread());
        }
    }

    /** Reads one request, answers 200 and records it; false when the connection must close afterwards. */
    private boolean handle(HttpInput in, OutputStream out, long arrived) throws IOException {
        in.readLine();
        while (in.lineLength() == 0) { // stray CRLFs between requests are allowed (RFC 9112 §2.2)
            in.readLine();
        }
        String requestLine = in.lineText();
        boolean http10 = requestLine.endsWith("HTTP/1.0");
        HttpInput.Headers headers = in.readHeaders(http10);
        String eventId = headers.webhookId();
        if (headers.expectContinue() && !http10) {
            out.write(CONTINUE);
        }
        // the whole body must be read, or the connection cannot be kept alive
        byte[] bytes = headers.chunked() ? in.readChunked() : in.readFixed(Math.max(0, headers.contentLength()));
        String body = new String(bytes, StandardCharsets.UTF_8);
        if (!delay.isZero()) {
            sleep(delay);
        }
        out.write(OK);
        long done = System.nanoTime();
        if (eventId != null) {
            distinct.add(eventId);
        }
        arrivals.add(new Arrival(eventId, stringField(body, "\"row_id\":\""), stringField(body, "\"op_type\":\""),
                seq(body), arrived, done));
        return !headers.close();
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

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        connections.forEach(Receiver::closeQuietly);
        handlers.forEach(Thread::interrupt); // a slow receiver may be in its delay
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        try {
            acceptor.join(2000);
            for (Thread handler : handlers) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                handler.join(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
