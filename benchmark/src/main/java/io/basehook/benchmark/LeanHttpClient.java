package io.basehook.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A blocking HTTP/1.1 keep-alive client on plain sockets for the load calls, so the load generator spends as little
 * CPU as it can: the calling thread writes the request and reads the answer itself, with no selector thread and no
 * hand-off to an executor. Each call takes an idle connection from a small pool (one per concurrently calling
 * thread, as the load threads never wait for each other) and gives it back for the next call.
 */
final class LeanHttpClient implements AutoCloseable {

    /** An answer: status code and body, whatever the status. */
    record Response(int status, byte[] body) {
    }

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    // a connection idle this long is probed before use: the server may have closed it meanwhile
    private static final long PROBE_AFTER_IDLE_NANOS = 1_000_000_000L;
    private static final byte[] CONTENT_TYPE_JSON = ascii("Content-Type: application/json\r\n");
    private static final byte[] CONTENT_LENGTH = ascii("Content-Length: ");
    private static final byte[] CRLF_CRLF = ascii("\r\n\r\n");

    private final String host;
    private final int port;
    private final int timeoutMillis;
    // " HTTP/1.1", Host and Authorization: the same on every request
    private final byte[] fixedHeaders;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** {@code authorization}: the Authorization header's value, or null for none; {@code timeoutMillis}: per read. */
    LeanHttpClient(String host, int port, String authorization, int timeoutMillis) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
        String hostHeader = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        this.fixedHeaders = ascii(" HTTP/1.1\r\nHost: " + hostHeader + ":" + port + "\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n"));
    }

    /**
     * Sends one request and reads its whole answer. {@code target}: path and query; {@code jsonBody} null for none.
     * A kept-alive connection the server had closed before the request reached it is replaced once: one idle for
     * a while is probed before use, and one whose write fails, or that ends before any byte of the answer, is
     * retried once on a new connection (as java.net.http does with a connection that expired).
     */
    Response send(String method, String target, String jsonBody) throws IOException {
        byte[] body = jsonBody == null ? null : jsonBody.getBytes(StandardCharsets.UTF_8);
        Connection connection = acquire();
        boolean retried = false;
        while (true) {
            try {
                Response response = connection.exchange(method, target, body);
                release(connection);
                return response;
            } catch (StaleConnectionException e) {
                connection.close();
                if (retried || closed) {
                    throw new IOException("connection closed by the server", e.getCause());
                }
                retried = true;
                connection = connect();
            } catch (IOException | RuntimeException e) {
                connection.close();
                throw e;
            }
        }
    }

    private Connection acquire() throws IOException {
        Connection connection;
        while ((connection = idle.pollFirst()) != null) {
            if (System.nanoTime() - connection.lastUsed < PROBE_AFTER_IDLE_NANOS || connection.stillOpen()) {
                return connection;
            }
            connection.close();
        }
        return connect();
    }

    private void release(Connection connection) {
        if (connection.reusable && !closed) {
            connection.lastUsed = System.nanoTime();
            idle.addFirst(connection); // most recently used first: the hot connections stay hot
            if (closed && idle.remove(connection)) {
                connection.close(); // close() ran meanwhile and may have missed it
            }
        } else {
            connection.close();
        }
    }

    private Connection connect() throws IOException {
        if (closed) {
            throw new IOException("client closed");
        }
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(timeoutMillis);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        Connection connection = new Connection(socket);
        open.add(connection);
        return connection;
    }

    @Override
    public void close() {
        closed = true;
        Connection connection;
        while ((connection = idle.pollFirst()) != null) {
            connection.close();
        }
        open.forEach(Connection::close);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The connection failed before any byte of the answer came: the server had closed it, the request is not sent. */
    private static final class StaleConnectionException extends IOException {
        StaleConnectionException(IOException cause) {
            super(cause);
        }
    }

    private final class Connection {

        private final Socket socket;
        private final InputStream rawIn;
        private final OutputStream out;
        private final HttpInput in;
        private byte[] request = new byte[4096];
        private int length;
        private boolean used; // has answered at least once: a failure before the answer means it went stale
        boolean reusable;
        long lastUsed = System.nanoTime();

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.rawIn = socket.getInputStream();
            this.out = socket.getOutputStream();
            this.in = new HttpInput(rawIn, 16 * 1024);
        }

        /** After a long idle time: has the server closed its end? A read that waits 1 ms tells, without sending. */
        boolean stillOpen() {
            try {
                socket.setSoTimeout(1);
                try {
                    // -1: closed; a byte: one the server should not have sent. Unusable either way.
                    rawIn.read();
                    return false;
                } finally {
                    socket.setSoTimeout(timeoutMillis);
                }
            } catch (SocketTimeoutException e) {
                return true; // nothing to read, not closed
            } catch (IOException e) {
                return false;
            }
        }

        Response exchange(String method, String target, byte[] body) throws IOException {
            reusable = false;
            length = 0;
            putAscii(method);
            put((byte) ' ');
            putAscii(target);
            put(fixedHeaders);
            if (body != null) {
                put(CONTENT_TYPE_JSON);
            }
            put(CONTENT_LENGTH);
            putInt(body == null ? 0 : body.length);
            put(CRLF_CRLF);
            if (body != null) {
                put(body);
            }
            try {
                out.write(request, 0, length);
            } catch (IOException e) {
                // a write fails on a reset: the server had closed the connection, so it has not taken the request
                throw used ? new StaleConnectionException(e) : e;
            }
            return readResponse(method);
        }

        private Response readResponse(String method) throws IOException {
            while (true) {
                boolean answered;
                try {
                    answered = in.await();
                } catch (SocketException e) {
                    // a reset before the first byte: the server closed a kept-alive connection under us
                    throw used ? new StaleConnectionException(e) : e;
                }
                if (!answered) {
                    IOException closedEarly = new IOException("connection closed before an answer");
                    throw used ? new StaleConnectionException(closedEarly) : closedEarly;
                }
                in.readLine();
                int status = statusCode();
                boolean http10 = in.lineLength() >= 8 && in.line()[7] == '0';
                HttpInput.Headers headers = in.readHeaders(http10);
                if (status >= 100 && status < 200 && status != 101) {
                    continue; // an interim answer (100 Continue): the real one follows
                }
                used = true;
                byte[] body;
                boolean framed = true;
                if (method.equals("HEAD") || status == 204 || status == 304) {
                    body = new byte[0];
                } else if (headers.chunked()) {
                    body = in.readChunked();
                } else if (headers.contentLength() >= 0) {
                    body = in.readFixed(headers.contentLength());
                } else {
                    body = in.readToEnd();
                    framed = false;
                }
                reusable = framed && !headers.close();
                return new Response(status, body);
            }
        }

        private int statusCode() throws IOException {
            byte[] line = in.line();
            // "HTTP/1.1 201 Created"
            if (in.lineLength() < 12 || line[0] != 'H' || line[8] != ' ') {
                throw new IOException("not an HTTP status line: " + in.lineText());
            }
            int status = 0;
            for (int i = 9; i < 12; i++) {
                int digit = line[i] - '0';
                if (digit < 0 || digit > 9) {
                    throw new IOException("not an HTTP status line: " + in.lineText());
                }
                status = status * 10 + digit;
            }
            return status;
        }

        private void ensure(int more) {
            if (length + more > request.length) {
                request = Arrays.copyOf(request, Math.max(request.length * 2, length + more));
            }
        }

        private void put(byte b) {
            ensure(1);
            request[length++] = b;
        }

        private void put(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, request, length, bytes.length);
            length += bytes.length;
        }

        // method and request target: ASCII by construction (a URI's raw path and query)
        private void putAscii(String text) {
            int n = text.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                request[length++] = (byte) text.charAt(i);
            }
        }

        private void putInt(int value) {
            if (value == 0) {
                put((byte) '0');
                return;
            }
            int digits = 0;
            for (int v = value; v > 0; v /= 10) {
                digits++;
            }
            ensure(digits);
            for (int i = length + digits - 1; i >= length; i--) {
                request[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            length += digits;
        }

        void close() {
            open.remove(this);
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
