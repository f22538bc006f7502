package io.basehook.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What carrying one webhook request and its 200 across loopback costs this machine when nothing else is done: no
 * database, no Basehook. One sender thread keeps {@code connectionsPerReceiver} kept-alive connections to each of
 * the benchmark's own receivers busy, each with one request in flight at a time (as Basehook keeps a webhook's
 * connections), and writes the same bytes Basehook would: SeaTable's insert_row body with its four signing headers.
 * The sender does nothing but write a request and count its answer, so its CPU per request is a floor for any
 * sender; the receivers' is what the benchmark's receivers cost in every delivery scenario. Both include the kernel
 * time of the loopback traffic, which on one machine is paid by whichever side writes.
 */
final class LoopbackFloor {

    /** One measurement; CPU figures are per request, in µs of one core. */
    record Result(int receivers, int connections, int bodyBytes, int requestBytes, double requestsPerSecond,
                  double senderMicros, double receiverMicros, double processMicros) {

        double hopMicros() {
            return senderMicros + receiverMicros;
        }

        /** How many requests a second the machine's cores carry if this hop were all a delivery cost. */
        double ceiling(int cores) {
            return hopMicros() <= 0 ? 0 : cores * 1e6 / hopMicros();
        }

        String describe(int cores) {
            return String.format(Locale.ROOT, "%,.0f requests/s over %d connections to %d receivers (%d-byte requests):"
                            + " sender %.1f µs + receivers %.1f µs = %.1f µs of CPU a request (the whole benchmark process"
                            + " %.1f µs); the hop alone would let %d cores carry at most %,.0f /s",
                    requestsPerSecond, connections, receivers, requestBytes, senderMicros, receiverMicros, hopMicros(),
                    processMicros, cores, ceiling(cores));
        }
    }

    private static final byte[] ANSWER_END = {'\r', '\n', '\r', '\n'};

    private LoopbackFloor() {
    }

    /**
     * Runs the floor against {@code receivers} (fast ones, this process's own) for {@code warmup} unmeasured, then
     * {@code duration} measured, and returns what the measured part cost.
     */
    static Result measure(List<Receiver> receivers, int connectionsPerReceiver, Duration warmup, Duration duration)
            throws IOException, InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Connection> connections = new ArrayList<>();
        AtomicLong answered = new AtomicLong();
        byte[] body = body();
        int requestBytes = 0;
        try (Selector selector = Selector.open()) {
            for (Receiver receiver : receivers) {
                byte[] request = request(receiver.url(), body);
                requestBytes = request.length;
                for (int i = 0; i < connectionsPerReceiver; i++) {
                    connections.add(new Connection(open(receiver.url()), request));
                }
            }
            for (Connection connection : connections) {
                connection.key = connection.channel.register(selector, SelectionKey.OP_READ, connection);
            }
            Sender sender = new Sender(selector, connections, answered);
            Thread thread = new Thread(sender, "loopback-floor-sender");
            thread.setDaemon(true);
            thread.start();
            try {
                Thread.sleep(warmup.toMillis());
                long senderBefore = threads.getThreadCpuTime(thread.getId());
                long receiversBefore = receiverCpu(receivers);
                long processBefore = processCpu();
                long countBefore = answered.get();
                long started = System.nanoTime();
                Thread.sleep(duration.toMillis());
                long count = answered.get() - countBefore;
                long elapsed = System.nanoTime() - started;
                long senderCpu = threads.getThreadCpuTime(thread.getId()) - senderBefore;
                long receiversCpu = receiverCpu(receivers) - receiversBefore;
                long processCpu = processCpu() - processBefore;
                if (count == 0) {
                    throw new IOException("no request was answered on loopback in " + duration.toMillis() + " ms");
                }
                return new Result(receivers.size(), connections.size(), body.length, requestBytes,
                        count / (elapsed / 1e9),
                        senderCpu / 1e3 / count, receiversCpu / 1e3 / count, processCpu / 1e3 / count);
            } finally {
                sender.stop();
                selector.wakeup();
                thread.join(2_000);
            }
        } finally {
            for (Connection connection : connections) {
                connection.channel.close();
            }
        }
    }

    private static long receiverCpu(List<Receiver> receivers) {
        long sum = 0;
        for (Receiver receiver : receivers) {
            sum += receiver.cpuNanos();
        }
        return sum;
    }

    private static long processCpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static SocketChannel open(URI url) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true); // as Netty's client sets it
            channel.connect(new InetSocketAddress(url.getHost(), url.getPort()));
            channel.configureBlocking(false);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** An insert_row event of the scenarios' table (a text and a number column) in SeaTable's format, as Basehook writes it. */
    static byte[] body() {
        String json = "{\"event\":\"update\",\"data\":{\"dtable_uuid\":\"3f1c0e5a9b8d4c2e8f7a6b5c4d3e2f10\","
                + "\"row_id\":\"QoNno3QiTF26sxmG1sl3_g\",\"op_user\":\"token:admin\",\"op_type\":\"insert_row\","
                + "\"op_time\":1765062000.123,\"table_id\":\"9g8f\",\"table_name\":\"Load\",\"row_name\":\"r-1-1000\","
                + "\"row_data\":[{\"column_key\":\"0000\",\"column_name\":\"Name\",\"column_type\":\"text\","
                + "\"column_data\":{},\"value\":\"r-1-1000\",\"old_value\":null},{\"column_key\":\"a1b2\","
                + "\"column_name\":\"Amount\",\"column_type\":\"number\",\"column_data\":{},\"value\":1000001000,"
                + "\"old_value\":null}],\"op_app\":\"admin\",\"event_id\":\"evt_01JD2Q9Y7W0M8N4T6V5R3P1K2H\","
                + "\"seq\":1000}}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** The request line and headers Basehook sends, with signatures of the right length. */
    static byte[] request(URI url, byte[] body) {
        String head = "POST " + url.getRawPath() + " HTTP/1.1\r\n"
                + "Host: " + url.getHost() + ":" + url.getPort() + "\r\n"
                + "Content-Type: application/json\r\n"
                + "User-Agent: Basehook/0.1.0\r\n"
                + "webhook-id: evt_01JD2Q9Y7W0M8N4T6V5R3P1K2H\r\n"
                + "webhook-timestamp: 1765062000\r\n"
                + "webhook-signature: v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=\r\n"
                + "X-SeaTable-Signature: sha256=" + "0123456789abcdef".repeat(4) + "\r\n"
                + "content-length: " + body.length + "\r\n"
                + "connection: keep-alive\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    /** One connection with at most one request in flight; {@code matched} counts the answer's end seen so far. */
    private static final class Connection {
        final SocketChannel channel;
        final ByteBuffer request;
        SelectionKey key;
        int matched;

        Connection(SocketChannel channel, byte[] request) {
            this.channel = channel;
            this.request = ByteBuffer.wrap(request);
        }
    }

    /** The sender's selector loop: an answer's end sends the next request on the same connection. */
    private static final class Sender implements Runnable {
        private final Selector selector;
        private final List<Connection> connections;
        private final AtomicLong answered;
        private final ByteBuffer in = ByteBuffer.allocateDirect(16 * 1024);
        private volatile boolean running = true;

        Sender(Selector selector, List<Connection> connections, AtomicLong answered) {
            this.selector = selector;
            this.connections = connections;
            this.answered = answered;
        }

        void stop() {
            running = false;
        }

        @Override
        public void run() {
            try {
                for (Connection connection : connections) {
                    send(connection);
                }
                while (running) {
                    selector.select(this::ready, 100);
                }
            } catch (IOException | RuntimeException e) {
                if (running) {
                    System.err.println("loopback floor: the sender stopped: " + e);
                }
            }
        }

        private void ready(SelectionKey key) {
            Connection connection = (Connection) key.attachment();
            try {
                if (key.isWritable()) {
                    flush(connection);
                }
                if (key.isValid() && key.isReadable()) {
                    read(connection);
                }
            } catch (IOException e) {
                key.cancel(); // a receiver that went away: the others go on
            }
        }

        private void read(Connection connection) throws IOException {
            in.clear();
            int n = connection.channel.read(in);
            if (n < 0) {
                connection.key.cancel();
                return;
            }
            in.flip();
            while (in.hasRemaining()) {
                byte b = in.get();
                connection.matched = b == ANSWER_END[connection.matched] ? connection.matched + 1 : b == '\r' ? 1 : 0;
                if (connection.matched == ANSWER_END.length) { // the receiver's 200 has no body: its head is all
                    connection.matched = 0;
                    answered.incrementAndGet();
                    send(connection);
                }
            }
        }

        private void send(Connection connection) throws IOException {
            connection.request.rewind();
            flush(connection);
        }

        private void flush(Connection connection) throws IOException {
            connection.channel.write(connection.request);
            connection.key.interestOps(connection.request.hasRemaining()
                    ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }
    }
}
