package io.basehook.adapter.rest;

import io.basehook.application.port.in.TableRows;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

@MicronautTest
@Property(name = "micronaut.server.max-request-size", value = "1024")
class MaxRequestSizeTest extends ApiTestSupport {

    private static final String ROWS = "/api/v1/bases/" + BASE_ID + "/tables/9g8f/rows";

    @Test
    void aBodyOverTheLimitIs413AndReachesNoUseCase() {
        String tooLarge = "{\"rows\":[{\"Name\":\"" + "x".repeat(4096) + "\"}]}";

        Reply reply = post(ROWS, tooLarge);

        assertEquals(413, reply.status());
        assertEquals("application/problem+json", reply.contentType());
        assertEquals("request_too_large", reply.json().get("code"));
        verifyNoInteractions(insertRows);
    }

    @Test
    void aChunkedBodyOverTheLimitIs413Too() {
        byte[] tooLarge = ("{\"rows\":[{\"Name\":\"" + "x".repeat(4096) + "\"}]}").getBytes(StandardCharsets.UTF_8);

        // no Content-Length: the server only learns the size while reading
        Reply reply = send(HttpRequest.newBuilder(server.getURI().resolve(ROWS))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooLarge))));

        assertEquals(413, reply.status());
        assertEquals("application/problem+json", reply.contentType());
        verifyNoInteractions(insertRows);
    }

    @Test
    void aBodyUnderTheLimitPasses() {
        when(insertRows.insertRows(any())).thenReturn(new TableRows(Fixtures.table(), List.of()));

        Reply reply = post(ROWS, "{\"rows\":[{\"Name\":\"" + "x".repeat(500) + "\"}]}");

        assertEquals(201, reply.status());
    }
}
