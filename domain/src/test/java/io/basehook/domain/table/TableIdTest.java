package io.basehook.domain.table;

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

class TableIdTest {

    @Test
    void randomIdsAreFourAlphanumericsAndUseTheWholeAlphabet() {
        Set<Character> used = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String value = TableId.random().value();
            assertTrue(value.matches("[A-Za-z0-9]{4}"), value);
            value.chars().forEach(c -> used.add((char) c));
        }
        // 8,000 draws from 62 symbols: a missing one would mean a skewed generator
        assertEquals(62, used.size());
    }

    @Test
    void acceptsASeaTableTableId() {
        assertEquals("9g8f", new TableId("9g8f").toString());
        assertEquals("0000", new TableId("0000").value());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "9g8", "9g8fa", "9g-f", "9g_f", "9g8 ", "äbcd"})
    void malformedIdsAreTableNotFound(String value) {
        BasehookException e = assertThrows(BasehookException.class, () -> new TableId(value));
        assertEquals(BasehookException.Kind.NOT_FOUND, e.kind());
        assertEquals("table_not_found", e.code());
    }
}
