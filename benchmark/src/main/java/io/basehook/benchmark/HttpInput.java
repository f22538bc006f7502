package io.basehook.benchmark;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Buffered reading of HTTP/1.1 messages from one socket (for {@link LeanHttpClient}) or from the bytes a
 * non-blocking connection has gathered so far (for {@link Receiver}): header lines parsed in place as bytes, bodies
 * of a known length or chunked. Not thread-safe: one per connection.
 */
final class HttpInput {

    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_BODY = 256 * 1024 * 1024;
    private static final byte[] EMPTY = new byte[0];

    private final InputStream in;
    private final byte[] buffer;
    private int pos;
    private int limit;
    private byte[] line = new byte[512];
    private int lineLength;

    HttpInput(InputStream in, int bufferSize) {
        this.in = in;
        this.buffer = new byte[bufferSize];
    }

    /** Blocks until at least one byte is buffered; false when the peer closed the stream first. */
    boolean await() throws IOException {
        return pos < limit || fill();
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            pos = limit = 0;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    /** Bytes read from the stream but not parsed yet. */
    int buffered() {
        return limit - pos;
    }

    /** Reads one line up to LF, without its CR LF; its bytes are {@link #line()}[0, {@link #lineLength()}). */
    void readLine() throws IOException {
        lineLength = 0;
        while (true) {
            if (pos == limit && !fill()) {
                throw new EOFException("connection closed in the middle of a header");
            }
            int start = pos;
            while (pos < limit && buffer[pos] != '\n') {
                pos++;
            }
            append(start, pos - start);
            if (pos < limit) {
                pos++; // the LF
                if (lineLength > 0 && line[lineLength - 1] == '\r') {
                    lineLength--;
                }
                return;
            }
        }
    }

    private void append(int start, int length) throws IOException {
        if (lineLength + length > line.length) {
            if (lineLength + length > MAX_LINE) {
                throw new IOException("header line longer than " + MAX_LINE + " bytes");
            }
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
        }
        System.arraycopy(buffer, start, line, lineLength, length);
        lineLength += length;
    }

    byte[] line() {
        return line;
    }

    int lineLength() {
        return lineLength;
    }

    /** The current line as text (status lines, messages). */
    String lineText() {
        return new String(line, 0, lineLength, StandardCharsets.ISO_8859_1);
    }

    /** Whether the current line is the header {@code lowerName} (given in lower case), matched case-insensitively. */
    boolean isHeader(String lowerName) {
        int n = lowerName.length();
        if (lineLength <= n || line[n] != ':') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            int c = line[i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lowerName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The value of the current header line, without surrounding blanks. */
    String headerValue() {
        int start = valueStart();
        int end = valueEnd(start);
        return new String(line, start, end - start, StandardCharsets.ISO_8859_1);
    }

    /** Whether the value of the current header line holds {@code lowerToken} as one of its comma-separated tokens. */
    boolean headerHasToken(String lowerToken) {
        for (String token : headerValue().split(",")) {
            if (token.trim().equalsIgnoreCase(lowerToken)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The header block after a start line, up to its empty line: what frames the body and keeps the connection,
     * and the two headers the benchmark reads ({@code Expect} and {@code webhook-id}). {@code contentLength} is -1
     * when absent.
     */
    record Headers(int contentLength, boolean chunked, boolean close, boolean expectContinue, String webhookId) {
    }

    /** Reads the header block; {@code http10}: the connection closes unless it says keep-alive. */
    Headers readHeaders(boolean http10) throws IOException {
        int contentLength = -1;
        boolean chunked = false;
        boolean close = http10;
        boolean expectContinue = false;
        String webhookId = null;
        while (true) {
            readLine();
            if (lineLength == 0) {
                return new Headers(contentLength, chunked, close, expectContinue, webhookId);
            }
            if (isHeader("content-length")) {
                contentLength = headerInt();
            } else if (isHeader("transfer-encoding")) {
                chunked = headerHasToken("chunked");
            } else if (isHeader("connection")) {
                if (headerHasToken("close")) {
                    close = true;
                } else if (headerHasToken("keep-alive")) {
                    close = false;
                }
            } else if (isHeader("expect")) {
                expectContinue = headerHasToken("100-continue");
            } else if (isHeader("webhook-id")) {
                webhookId = headerValue();
            }
        }
    }

    /** The current header's value as a non-negative decimal number (Content-Length). */
    int headerInt() throws IOException {
        int start = valueStart();
        int end = valueEnd(start);
        return parseInt(start, end, 10, "Content-Length");
    }

    private int valueStart() {
        int i = indexOf(':') + 1;
        while (i < lineLength && (line[i] == ' ' || line[i] == '\t')) {
            i++;
        }
        return i;
    }

    private int valueEnd(int start) {
        int end = lineLength;
        while (end > start && (line[end - 1] == ' ' || line[end - 1] == '\t')) {
            end--;
        }
        return end;
    }

    private int indexOf(char c) {
        for (int i = 0; i < lineLength; i++) {
            if (line[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private int parseInt(int start, int end, int radix, String what) throws IOException {
        if (start == end) {
            throw new IOException("empty " + what);
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            int digit = Character.digit(line[i], radix);
            if (digit < 0) {
                throw new IOException("bad " + what + ": " + lineText());
            }
            value = value * radix + digit;
            if (value > MAX_BODY) {
                throw new IOException(what + " too large: " + lineText());
            }
        }
        return (int) value;
    }

    /** Exactly {@code length} bytes of body. */
    byte[] readFixed(int length) throws IOException {
        if (length == 0) {
            return EMPTY;
        }
        byte[] body = new byte[length];
        readFully(body, 0, length);
        return body;
    }

    private void readFully(byte[] target, int offset, int length) throws IOException {
        int buffered = Math.min(limit - pos, length);
        System.arraycopy(buffer, pos, target, offset, buffered);
        pos += buffered;
        int done = buffered;
        while (done < length) {
            // large remainders go straight into the target, past the buffer
            int n = in.read(target, offset + done, length - done);
            if (n <= 0) {
                throw new EOFException("connection closed after " + done + " of " + length + " body bytes");
            }
            done += n;
        }
    }

    /** A chunked body (RFC 9112 §7.1), decoded; trailer fields are read and dropped. */
    byte[] readChunked() throws IOException {
        byte[] body = EMPTY;
        int size = 0;
        while (true) {
            readLine();
            int end = indexOf(';'); // chunk extensions are ignored
            if (end < 0) {
                end = lineLength;
            }
            while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t')) {
                end--;
            }
            int chunk = parseInt(0, end, 16, "chunk size");
            if (chunk == 0) {
                do {
                    readLine();
                } while (lineLength > 0);
                return size == body.length ? body : Arrays.copyOf(body, size);
            }
            if (size + chunk > MAX_BODY) {
                throw new IOException("chunked body too large");
            }
            if (size + chunk > body.length) {
                body = Arrays.copyOf(body, Math.max(body.length * 2, size + chunk));
            }
            readFully(body, size, chunk);
            size += chunk;
            readLine();
            if (lineLength != 0) {
                throw new IOException("no CRLF after a chunk");
            }
        }
    }

    /** Everything up to the end of the stream (a response framed by closing the connection). */
    byte[] readToEnd() throws IOException {
        byte[] body = Arrays.copyOfRange(buffer, pos, limit);
        pos = limit;
        int size = body.length;
        byte[] chunk = new byte[8192];
        int n;
        while ((n = in.read(chunk)) > 0) {
            if (size + n > MAX_BODY) {
                throw new IOException("body too large");
            }
            if (size + n > body.length) {
                body = Arrays.copyOf(body, Math.max(body.length * 2, size + n));
            }
            System.arraycopy(chunk, 0, body, size, n);
            size += n;
        }
        return size == body.length ? body : Arrays.copyOf(body, size);
    }
}
