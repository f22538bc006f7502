package io.basehook.domain.row;

import io.basehook.domain.base.BaseId;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StoredEventTest {

    private static final BaseId BASE = new BaseId("fae0a3a42ba94df88e8303fd385e37de");
    private static final Instant NOW = Instant.parse("2026-11-27T14:30:00Z");

    // the change feed starts at after=0, so seq 0 would never be read
    @Test
    void seqStartsAtOne() {
        EventId id = EventId.at(NOW);
        assertThrows(IllegalArgumentException.class, () -> new StoredEvent(BASE, 0, id, OpType.INSERT_ROW, NOW, "{}"));
        assertEquals(1, new StoredEvent(BASE, 1, id, OpType.INSERT_ROW, NOW, "{}").seq());
    }

    @Test
    void opTypesHaveSeaTablesNames() {
        assertEquals("insert_row", OpType.INSERT_ROW.wireName());
        assertEquals("modify_row", OpType.MODIFY_ROW.wireName());
        assertEquals("delete_row", OpType.DELETE_ROW.wireName());
    }
}
