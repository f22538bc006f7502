package io.basehook.adapter.rest;

import io.basehook.adapter.rest.gate.RequestMemoryGate;
import io.basehook.application.port.in.TableRows;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

/** Large bodies are admitted against the request-memory budget from their head, before a byte of them is read. */
@MicronautTest
@Property(name = "basehook.limits.request-bytes-in-flight", value = "250000")
@Property(name = "basehook.limits.page-bytes", value = "100000")
class RequestMemoryGateTest extends ApiTestSupport {

    private static final String ROWS = "/api/v1/bases/" + BASE_ID + "/tables/9g8f/rows";
    private static final int LARGE = 100_000;

    @Inject
    RequestMemoryGate gate;

    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void closeSockets() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    @Test
    void aLargeRequestWithoutRoomIs503AtOnceAndAbortedUploadsGiveTheirRoomBack() throws Exception {
        when(insertRows.insertRows(any())).thenReturn(new TableRows(Fixtures.table(), List.of()));
        byte[] body = rowsBody(LARGE);
        Socket first = heldUpload(body);
        Socket second = heldUpload(body);
        awaitInFlight(2L * LARGE);

        // only the head is sent: the answer must come without the body being read
        Socket third = openSocket();
        third.getOutputStream().write(head(body.length));
        third.getOutputStream().flush();
        String refused = readHead(third.getInputStream());

        assertTrue(refused.startsWith("HTTP/1.1 503"), refused);
        assertTrue(refused.toLowerCase().contains("retry-after: 5"), refused);
        assertTrue(refused.toLowerCase().contains("content-type: application/problem+json"), refused);
        assertNotEquals(503, get("/api/v1/bases/" + BASE_ID + "/tables/9g8f").status(),
                "a GET without body or page costs nothing");
        // a page read reserves its allowance too: 2 x 100,000 does not fit beside the held uploads
        assertEquals(503, get(ROWS + "?limit=10").status());

        first.close();
        second.close();
        awaitInFlight(0);

        assertEquals(201, post(ROWS, new String(body, StandardCharsets.UTF_8)).status());
        awaitInFlight(0);
    }

    @Test
    void aRefusedKeepAliveConnectionDropsTheBodyAndServesTheNextRequest() throws Exception {
        byte[] body = rowsBody(LARGE);
        Socket first = heldUpload(body);
        Socket second = heldUpload(body);
        awaitInFlight(2L * LARGE);

        Socket third = openSocket();
        OutputStream out = third.getOutputStream();
        out.write(head(body.length));
        out.write(body);
        out.write(("GET /api/v1/bases/" + BASE_ID + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ADMIN_TOKEN
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String answers = new String(third.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertTrue(answers.startsWith("HTTP/1.1 503"), answers);
        int next = answers.indexOf("HTTP/1.1 ", 1);
        assertTrue(next > 0, answers);
        assertTrue(!answers.startsWith("HTTP/1.1 503", next), answers);
        first.close();
        second.close();
        awaitInFlight(0);
    }

    private Socket heldUpload(byte[] body) throws IOException {
        Socket socket = openSocket();
        OutputStream out = socket.getOutputStream();
        out.write(head(body.length));
        out.write(body, 0, body.length / 2);
        out.flush();
        return socket;
    }

    private Socket openSocket() throws IOException {
        Socket socket = new Socket(server.getHost(), server.getPort());
        socket.setSoTimeout(10_000);
        sockets.add(socket);
        return socket;
    }

    private static byte[] head(int contentLength) {
        return ("POST " + ROWS + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ADMIN_TOKEN
                + "\r\nContent-Type: application/json\r\nContent-Length: " + contentLength + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] rowsBody(int size) {
        String prefix = "{\"rows\":[{\"Name\":\"";
        String suffix = "\"}]}";
        return (prefix + "x".repeat(size - prefix.length() - suffix.length()) + suffix).getBytes(StandardCharsets.UTF_8);
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.append((char) c);
        }
        return head.toString();
    }

    /** The server learns of a request or an abort on its own threads; wait until it has. */
    private void awaitInFlight(long expected) throws InterruptedException {
        for (int i = 0; i < 500 && gate.inFlight() != expected; i++) {
            Thread.sleep(20);
        }
        assertEquals(expected, gate.inFlight());
    }
}
