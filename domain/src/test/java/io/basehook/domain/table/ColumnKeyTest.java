package io.basehook.domain.table;

import io.basehook.domain.shared.BasehookException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ColumnKeyTest {

    @Test
    void randomKeysAreFourAlphanumerics() {
        for (int i = 0; i < 1_000; i++) {
            String value = ColumnKey.random().value();
            assertTrue(value.matches("[A-Za-z0-9]{4}"), value);
        }
    }

    @Test
    void acceptsASeaTableColumnKey() {
        assertEquals("589r", new ColumnKey("589r").toString());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "589", "589rr", "58-r", "0000\n", "Namé"})
    void malformedKeysAreColumnNotFound(String value) {
        BasehookException e = assertThrows(BasehookException.class, () -> new ColumnKey(value));
        assertEquals(BasehookException.Kind.NOT_FOUND, e.kind());
        assertEquals("column_not_found", e.code());
    }
}
