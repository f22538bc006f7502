package io.basehook.adapter.rest;

import io.basehook.application.port.in.ChangeFeed;
import io.basehook.domain.access.Actor;
import io.basehook.domain.base.BaseId;
import io.basehook.domain.row.EventId;
import io.basehook.domain.row.OpType;
import io.basehook.domain.row.StoredEvent;
import io.basehook.domain.shared.BasehookException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

@MicronautTest
class ChangeFeedControllerTest extends ApiTestSupport {

    private static final String EVENTS = "/api/v1/bases/" + BASE_ID + "/events";
    private static final String PAYLOAD = """
            {"event":"update","data":{"dtable_uuid":"fae0a3a42ba94df88e8303fd385e37de","row_id":"QoNno3QiTF26sxmG1sl3_g",\
            "op_type":"insert_row","op_time":1649929622.500,"row_data":[{"column_key":"589r","value":"381992",\
            "old_value":null}],"op_app":null,"seq":42}}""";

    @Test
    void returnsEventsWithThePayloadAsAnObject() {
        StoredEvent event = new StoredEvent(BASE_ID, 42, new EventId("evt_01JD2Q9Y7W0M8N4T6V5R3P1K2H"),
                OpType.INSERT_ROW, T0, PAYLOAD);
        when(readChangeFeed.readChangeFeed(Actor.admin(), BASE_ID, 0, 100))
                .thenReturn(new ChangeFeed(List.of(event), 42, 42));

        Reply reply = get(EVENTS);

        assertEquals(200, reply.status());
        assertEquals(42, reply.json().get("lastSeq"));
        Map<String, Object> first = Reply.at(reply.json().get("events"), 0);
        assertEquals(List.of("seq", "id", "occurredAt", "payload"), List.copyOf(first.keySet()));
        assertEquals(42, first.get("seq"));
        assertEquals("evt_01JD2Q9Y7W0M8N4T6V5R3P1K2H", first.get("id"));
        assertEquals(T0_WIRE, first.get("occurredAt"));
        Map<?, ?> data = (Map<?, ?>) ((Map<?, ?>) first.get("payload")).get("data");
        assertEquals(new BigDecimal("1649929622.500"), data.get("op_time"));
        assertTrue(data.containsKey("op_app"));
        assertTrue(reply.body().contains("\"old_value\":null"), reply.body());
        assertTrue(reply.body().contains("\"op_time\":1649929622.500"), reply.body());
    }

    @Test
    void passesAfterAndLimit() {
        when(readChangeFeed.readChangeFeed(Actor.admin(), BASE_ID, 41, 10))
                .thenReturn(new ChangeFeed(List.of(), 41, 41));

        Reply reply = get(EVENTS + "?after=41&limit=10");

        assertEquals(200, reply.status());
        assertEquals(Map.of("events", List.of(), "lastSeq", 41, "nextAfter", 41), reply.json());
    }

    @Test
    void answersTheSeqToGoOnAfterBesideTheLastSeq() {
        when(readChangeFeed.readChangeFeed(Actor.admin(), BASE_ID, 7, 100))
                .thenReturn(new ChangeFeed(List.of(), 57, 7));

        Reply reply = get(EVENTS + "?after=7");

        assertEquals(57, reply.json().get("lastSeq"));
        assertEquals(7, reply.json().get("nextAfter"));
    }

    @Test
    void aNonNumericAfterIs400NamingIt() {
        Reply reply = get(EVENTS + "?after=yesterday");

        assertEquals(400, reply.status());
        assertEquals("after", Reply.at(reply.json().get("errors"), 0).get("field"));
        verifyNoInteractions(readChangeFeed);
    }

    @Test
    void aTokenOfAnotherBaseGetsTheUseCasesNotFound() {
        BaseId other = new BaseId("0123456789abcdef0123456789abcdef");
        when(readChangeFeed.readChangeFeed(READ_ONLY, other, 0, 100))
                .thenThrow(BasehookException.notFound("base_not_found", "no base with id " + other));

        Reply reply = send("GET", "/api/v1/bases/" + other + "/events", READ_ONLY_TOKEN, null);

        assertEquals(404, reply.status());
        assertEquals("base_not_found", reply.json().get("code"));
    }
}
