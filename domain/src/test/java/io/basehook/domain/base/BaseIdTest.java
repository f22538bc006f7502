package io.basehook.domain.base;

import io.basehook.domain.shared.BasehookException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaseIdTest {

    @Test
    void randomIdsAre32LowercaseHexCharsAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String value = BaseId.random().value();
            assertTrue(value.matches("[0-9a-f]{32}"), value);
            seen.add(value);
        }
        assertEquals(1_000, seen.size());
    }

    @Test
    void acceptsASeaTableDtableUuid() {
        BaseId id = new BaseId("fae0a3a42ba94df88e8303fd385e37de");
        assertEquals("fae0a3a42ba94df88e8303fd385e37de", id.toString());
        assertEquals(id, new BaseId("fae0a3a42ba94df88e8303fd385e37de"));
    }

    // a malformed id in a URL names no base, so it answers like a missing one
    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "FAE0A3A42BA94DF88E8303FD385E37DE", "fae0a3a4-2ba9-4df8-8e83-03fd385e37de",
            "fae0a3a42ba94df88e8303fd385e37d", "fae0a3a42ba94df88e8303fd385e37de0", "gae0a3a42ba94df88e8303fd385e37de",
            " fae0a3a42ba94df88e8303fd385e37d"})
    void malformedIdsAreBaseNotFound(String value) {
        BasehookException e = assertThrows(BasehookException.class, () -> new BaseId(value));
        assertEquals(BasehookException.Kind.NOT_FOUND, e.kind());
        assertEquals("base_not_found", e.code());
    }
}
