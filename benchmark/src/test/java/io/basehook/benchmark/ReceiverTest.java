package io.basehook.benchmark;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReceiverTest {

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";

    @Test
    void answersEveryRequestOfAKeptAliveConnectionAndRecordsWhatItCarried() throws Exception {
        try (Receiver receiver = new Receiver("r", Duration.ZERO, "127.0.0.1"); Socket socket = connect(receiver)) {
            for (int seq = 1; seq <= 3; seq++) {
                socket.getOutputStream().write(request("evt-" + seq, payload("row" + seq, "insert_row", seq)));
                assertEquals(OK, readAnswer(socket.getInputStream()));
            }
            List<Receiver.Arrival> arrivals = arrivals(receiver, 3);
            assertEquals(3, arrivals.size());
            assertEquals(3, receiver.distinctCount());
            Receiver.Arrival second = arrivals.get(1);
            assertEquals("evt-2", second.eventId());
            assertEquals("row2", second.rowId());
            assertEquals("insert_row", second.opType());
            assertEquals(2, second.seq());
            assertTrue(second.doneNanos() >= second.arrivedNanos());
        }
    }

    @Test
    void answersPipelinedRequestsInOrderAndARequestThatCameByteByByte() throws Exception {
        try (Receiver receiver = new Receiver("r", Duration.ZERO, "127.0.0.1"); Socket socket = connect(receiver)) {
            OutputStream out = socket.getOutputStream();
            byte[] first = request("evt-1", payload("a", "insert_row", 1));
            byte[] second = request("evt-2", payload("b", "update_row", 2));
            byte[] both = new byte[first.length + second.length];
            System.arraycopy(first, 0, both, 0, first.length);
            System.arraycopy(second, 0, both, first.length, second.length);
            out.write(both);
            assertEquals(OK, readAnswer(socket.getInputStream()));
            assertEquals(OK, readAnswer(socket.getInputStream()));

            for (byte b : request("evt-3", payload("c", "delete_row", 3))) {
                out.write(b);
                out.flush();
            }
            assertEquals(OK, readAnswer(socket.getInputStream()));
            assertEquals(List.of("evt-1", "evt-2", "evt-3"),
                    arrivals(receiver, 3).stream().map(Receiver.Arrival::eventId).toList());
        }
    }

    @Test
    void readsAChunkedBodyAndSendsA100BeforeABodyThatWaitsForIt() throws Exception {
        try (Receiver receiver = new Receiver("r", Duration.ZERO, "127.0.0.1"); Socket socket = connect(receiver)) {
            OutputStream out = socket.getOutputStream();
            String body = payload("chunky", "insert_row", 7);
            String chunked = "POST /hook/r HTTP/1.1\r\nHost: x\r\nwebhook-id: evt-7\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(5) + "\r\n" + body.substring(0, 5) + "\r\n"
                    + Integer.toHexString(body.length() - 5) + ";ext=1\r\n" + body.substring(5) + "\r\n0\r\n\r\n";
            out.write(chunked.getBytes(StandardCharsets.UTF_8));
            assertEquals(OK, readAnswer(socket.getInputStream()));

            String expecting = payload("waited", "insert_row", 8);
            out.write(("POST /hook/r HTTP/1.1\r\nHost: x\r\nwebhook-id: evt-8\r\nExpect: 100-continue\r\nContent-Length: "
                    + expecting.length() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            assertEquals("HTTP/1.1 100 Continue\r\n\r\n", readAnswer(socket.getInputStream()));
            out.write(expecting.getBytes(StandardCharsets.UTF_8));
            assertEquals(OK, readAnswer(socket.getInputStream()));

            List<Receiver.Arrival> arrivals = arrivals(receiver, 2);
            assertEquals("chunky", arrivals.get(0).rowId());
            assertEquals(7, arrivals.get(0).seq());
            assertEquals("waited", arrivals.get(1).rowId());
        }
    }

    @Test
    void closesTheConnectionAfterAnsweringARequestThatAsksForIt() throws Exception {
        try (Receiver receiver = new Receiver("r", Duration.ZERO, "127.0.0.1"); Socket socket = connect(receiver)) {
            String body = payload("x", "insert_row", 1);
            socket.getOutputStream().write(("POST /hook/r HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: "
                    + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            assertEquals(OK, readAnswer(in));
            assertEquals(-1, in.read());
            assertNull(arrivals(receiver, 1).get(0).eventId());
            assertEquals(1, receiver.count());
        }
    }

    @Test
    void aSlowReceiverHoldsEachAnswerForItsDelayWithoutHoldingBackTheOtherConnections() throws Exception {
        Duration delay = Duration.ofMillis(300);
        try (Receiver receiver = new Receiver("slow", delay, "127.0.0.1");
             Socket first = connect(receiver); Socket second = connect(receiver)) {
            assertTrue(receiver.slow());
            first.getOutputStream().write(request("evt-1", payload("a", "insert_row", 1)));
            second.getOutputStream().write(request("evt-2", payload("b", "insert_row", 2)));
            assertEquals(OK, readAnswer(first.getInputStream()));
            assertEquals(OK, readAnswer(second.getInputStream()));
            List<Receiver.Arrival> arrivals = arrivals(receiver, 2);
            assertEquals(2, arrivals.size());
            for (Receiver.Arrival arrival : arrivals) {
                assertTrue(arrival.doneNanos() - arrival.arrivedNanos() >= delay.toNanos(), arrival.toString());
            }
            // both were read before either was answered: one thread waits for many answers at once
            Receiver.Arrival a = arrivals.get(0);
            Receiver.Arrival b = arrivals.get(1);
            assertTrue(b.arrivedNanos() < a.doneNanos() && a.arrivedNanos() < b.doneNanos(), arrivals.toString());
        }
    }

    /** The arrivals once there are {@code count}: a request is recorded just after its answer is written. */
    private static List<Receiver.Arrival> arrivals(Receiver receiver, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (receiver.count() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return receiver.arrivals();
    }

    private static Socket connect(Receiver receiver) throws IOException {
        URI url = receiver.url();
        Socket socket = new Socket(url.getHost(), url.getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String payload(String rowId, String opType, long seq) {
        return "{\"event\":\"data_update\",\"data\":{\"op_type\":\"" + opType + "\",\"row_id\":\"" + rowId
                + "\",\"seq\":" + seq + "}}";
    }

    private static byte[] request(String eventId, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return ("POST /hook/r HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nwebhook-id: " + eventId
                + "\r\nContent-Length: " + bytes.length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }

    /** One answer without a body: the status line and headers up to the empty line. */
    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder answer = new StringBuilder();
        while (!answer.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed after " + answer);
            }
            answer.append((char) c);
        }
        return answer.toString();
    }
}
