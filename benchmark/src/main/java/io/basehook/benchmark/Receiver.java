package io.basehook.benchmark;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The endpoint of one webhook: records every request it gets and answers 200, at once or after a delay.
 * A non-blocking HTTP/1.1 server on one selector thread for all of its kept-alive connections (Basehook opens up to
 * its per-webhook limit of them): requests that arrive together are read and answered in one turn, so a receipt
 * costs the machine the service is measured on little CPU and few thread wake-ups. A delayed answer waits in the
 * same thread's timer queue, so a slow receiver holds no thread per request either.
 */
final class Receiver implements AutoCloseable {

    /** One request as it arrived; {@code doneNanos} is when the 200 went out, so it includes the configured delay. */
    record Arrival(String eventId, String rowId, String opType, long seq, long arrivedNanos, long doneNanos) {
    }

    private static final byte[] OK = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final int READ_BUFFER = 64 * 1024;

    private final String name;
    private final String host;
    private final Duration delay;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final Thread loop;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER);
    private final PriorityQueue<Connection> waiting = new PriorityQueue<>((a, b) -> Long.compare(a.answerAt, b.answerAt));
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
        this.server = ServerSocketChannel.open();
        try {
            server.bind(bind, 1024);
            server.configureBlocking(false);
            this.selector = Selector.open();
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        this.loop = new Thread(this::run, "receiver-" + name);
        loop.setDaemon(true);
        loop.start();
    }

    String name() {
        return name;
    }

    boolean slow() {
        return !delay.isZero();
    }

    URI url() {
        return URI.create("http://" + host + ":" + server.socket().getLocalPort() + "/hook/" + name);
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

    /** CPU time (user and kernel) its selector thread has used so far, in ns. */
    long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getThreadCpuTime(loop.getId());
    }

    private void run() {
        try {
            while (!closed) {
                long timeout = timeoutMillis();
                if (timeout < 0) {
                    selector.selectNow(this::ready);
                } else {
                    selector.select(this::ready, timeout);
                }
                answerDue(System.nanoTime());
            }
        } catch (IOException | ClosedSelectorException e) {
            // closed while selecting, or the selector itself failed: either way this receiver is done
        } finally {
            for (SelectionKey key : selectorKeys()) {
                closeQuietly(key);
            }
        }
    }

    private Set<SelectionKey> selectorKeys() {
        try {
            return Set.copyOf(selector.keys());
        } catch (ClosedSelectorException e) {
            return Set.of();
        }
    }

    /** 0 waits until a connection is ready, -1 not at all (an answer is due); otherwise until the first one is due. */
    private long timeoutMillis() {
        Connection first = waiting.peek();
        if (first == null) {
            return 0;
        }
        long left = first.answerAt - System.nanoTime();
        return left <= 0 ? -1 : Math.max(1, (left + 999_999) / 1_000_000);
    }

    private void ready(SelectionKey key) {
        try {
            if (key.isAcceptable()) {
                accept();
            } else if (key.attachment() instanceof Connection connection) {
                if (key.isWritable()) {
                    connection.flush();
                }
                if (key.isValid() && key.isReadable()) {
                    connection.read();
                }
            }
        } catch (IOException | RuntimeException e) {
            // the connection ended (closed by Basehook, reset) or sent what is not HTTP: drop it
            closeQuietly(key);
        }
    }

    private void accept() throws IOException {
        SocketChannel channel;
        while ((channel = server.accept()) != null) {
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true); // the 200 must not wait for Nagle
                SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
                key.attach(new Connection(channel, key));
            } catch (IOException e) {
                channel.close();
            }
        }
    }

    private void answerDue(long now) {
        while (!waiting.isEmpty() && waiting.peek().answerAt - now <= 0) {
            Connection connection = waiting.poll();
            try {
                connection.answerDelayed();
            } catch (IOException | RuntimeException e) {
                closeQuietly(connection.key);
            }
        }
    }

    private static void closeQuietly(SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** One kept-alive connection: the bytes of requests not answered yet, and the answers not written yet. */
    private final class Connection {

        private final SocketChannel channel;
        private final SelectionKey key;
        private byte[] in = new byte[4096];
        private int length;
        private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
        private long requestStarted;   // when the first byte of the request at the head of `in` was read
        private boolean continueSent;  // for the request at the head of `in`
        private Request held;          // a request whose delayed answer is waiting
        private long heldArrived;      // when that request's first byte was read
        private long answerAt;
        private boolean closeAfterWrite;

        Connection(SocketChannel channel, SelectionKey key) {
            this.channel = channel;
            this.key = key;
        }

        void read() throws IOException {
            while (true) {
                readBuffer.clear();
                int n = channel.read(readBuffer);
                if (n < 0) {
                    closeQuietly(key);
                    return;
                }
                if (n == 0) {
                    break;
                }
                if (length == 0) {
                    requestStarted = System.nanoTime(); // the first byte of the request is here
                }
                if (length + n > in.length) {
                    in = Arrays.copyOf(in, Math.max(in.length * 2, length + n));
                }
                readBuffer.flip();
                readBuffer.get(in, length, n);
                length += n;
            }
            answerComplete();
        }

        /** Answers every complete request gathered so far, in order, unless one waits for its delay. */
        private void answerComplete() throws IOException {
            while (held == null && !closeAfterWrite && length > 0) {
                Request request = Request.parse(in, length);
                if (request == null) {
                    return;
                }
                if (request.needsContinue()) {
                    if (!continueSent) {
                        write(CONTINUE);
                        continueSent = true;
                    }
                    return;
                }
                consume(request.size());
                if (delay.isZero()) {
                    answer(request, requestStarted);
                } else {
                    held = request;
                    heldArrived = requestStarted;
                    answerAt = System.nanoTime() + delay.toNanos();
                    waiting.add(this);
                }
                requestStarted = System.nanoTime(); // what is left was read by now: the next request's start
            }
        }

        void answerDelayed() throws IOException {
            Request request = held;
            held = null;
            answer(request, heldArrived);
            answerComplete();
        }

        private void answer(Request request, long arrived) throws IOException {
            closeAfterWrite = request.headers().close(); // flush() closes once the 200 is out
            write(OK);
            record(request, arrived, System.nanoTime());
        }

        private void consume(int size) {
            System.arraycopy(in, size, in, 0, length - size);
            length -= size;
            continueSent = false;
        }

        private void write(byte[] bytes) throws IOException {
            out.add(ByteBuffer.wrap(bytes));
            flush();
        }

        void flush() throws IOException {
            while (!out.isEmpty()) {
                ByteBuffer head = out.peek();
                channel.write(head);
                if (head.hasRemaining()) {
                    key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                    return;
                }
                out.poll();
            }
            if (closeAfterWrite) {
                closeQuietly(key);
            } else if ((key.interestOps() & SelectionKey.OP_WRITE) != 0) {
                key.interestOps(SelectionKey.OP_READ);
            }
        }
    }

    private void record(Request request, long arrived, long done) {
        String body = new String(request.body(), StandardCharsets.UTF_8);
        String eventId = request.headers().webhookId();
        if (eventId != null) {
            distinct.add(eventId);
        }
        arrivals.add(new Arrival(eventId, stringField(body, "\"row_id\":\""), stringField(body, "\"op_type\":\""),
                seq(body), arrived, done));
    }

    /**
     * One request parsed from the head of a connection's bytes, {@code size} of them; {@code body} is null while it
     * is incomplete.
     */
    private record Request(HttpInput.Headers headers, byte[] body, int size) {

        /** Its headers are complete, its body is not, and the client waits for a 100 before sending it. */
        boolean needsContinue() {
            return body == null;
        }

        /**
         * The first request in {@code bytes[0, length)}, or null when more bytes must come first (a request whose
         * headers ask for 100-continue comes back early, without a body, so that the caller can send the 100).
         */
        static Request parse(byte[] bytes, int length) throws IOException {
            ByteArrayInputStream stream = new ByteArrayInputStream(bytes, 0, length);
            HttpInput input = new HttpInput(stream, length);
            HttpInput.Headers headers;
            boolean http10;
            try {
                input.readLine();
                while (input.lineLength() == 0) { // stray CRLFs between requests are allowed (RFC 9112 §2.2)
                    input.readLine();
                }
                http10 = input.lineText().endsWith("HTTP/1.0");
                headers = input.readHeaders(http10);
            } catch (EOFException incomplete) {
                return null;
            }
            try {
                // the whole body must be read, or the connection cannot be kept alive
                byte[] body = headers.chunked() ? input.readChunked() : input.readFixed(Math.max(0, headers.contentLength()));
                return new Request(headers, body, length - stream.available() - input.buffered());
            } catch (EOFException incomplete) {
                return headers.expectContinue() && !http10 ? new Request(headers, null, 0) : null;
            }
        }
    }

    // The payload is compact JSON written by Basehook; a search is enough and costs the receiver nothing.
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

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            loop.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            selector.close();
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
