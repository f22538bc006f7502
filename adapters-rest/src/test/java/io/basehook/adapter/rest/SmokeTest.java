package io.basehook.adapter.rest;

import io.basehook.application.port.in.ListBasesUseCase;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

@MicronautTest
class SmokeTest extends ApiTestSupport {


    @Test
    void probe() {
        when(listBases.listBases(any())).thenReturn(List.of());
        String[][] calls = {
                {"GET", "/api/v1/bases", ADMIN_TOKEN, null},
                {"GET", "/api/v1/bases", null, null},
                {"GET", "/api/v1/bases", "nope", null},
                {"GET", "/api/v1/nothing", ADMIN_TOKEN, null},
                {"PUT", "/api/v1/bases", ADMIN_TOKEN, "{}"},
                {"POST", "/api/v1/bases", ADMIN_TOKEN, "{\"name\": "},
                {"POST", "/api/v1/bases", ADMIN_TOKEN, "{\"name\": {\"a\":1}}"},
                {"POST", "/api/v1/bases", ADMIN_TOKEN, "{\"name\": [1]}"},
                {"POST", "/api/v1/bases", ADMIN_TOKEN, "{\"name\": 5}"},
                {"POST", "/api/v1/bases", ADMIN_TOKEN, null},
                {"GET", "/api/v1/bases/fae0a3a42ba94df88e8303fd385e37de/tables/abcd/rows?limit=abc", ADMIN_TOKEN, null},
                {"GET", "/api/v1/bases/zzz/events", ADMIN_TOKEN, null},
        };
        for (String[] call : calls) {
            Reply reply = send(call[0], call[1], call[2], call[3]);
            System.out.println(call[0] + " " + call[1] + " " + call[3] + " -> " + reply.status() + " " + reply.contentType()
                    + " " + reply.headers().map() + "\n   " + reply.body());
        }
        Reply text = send(java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/api/v1/bases"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("hello")));
        System.out.println("text/plain -> " + text.status() + " " + text.contentType() + " " + text.body());
    }
}
