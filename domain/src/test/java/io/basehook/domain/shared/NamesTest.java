package io.basehook.domain.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NamesTest {

    @Test
    void trimsAndAcceptsUpTo255Chars() {
        assertEquals("Opportunities", Names.require("  Opportunities\t", "name"));
        assertEquals("x".repeat(255), Names.require(" " + "x".repeat(255) + " ", "name"));
        assertEquals("Prio ++ / Ü", Names.require("Prio ++ / Ü", "name"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "a\u0000b", "line\nbreak"})
    void rejectsEmptyAndControlCharactersNamingTheField(String name) {
        BasehookException e = assertThrows(BasehookException.class, () -> Names.require(name, "columns[2].name"));
        assertEquals(BasehookException.Kind.INVALID, e.kind());
        assertEquals("invalid_name", e.code());
        assertEquals("columns[2].name", e.errors().get(0).field());
    }

    @Test
    void rejects256Chars() {
        assertThrows(BasehookException.class, () -> Names.require("x".repeat(256), "name"));
    }

    @Test
    void fieldErrorsNestUnderTheirEnclosingField() {
        FieldError error = new FieldError("Prio", "bad");
        assertEquals(new FieldError("rows[2].Prio", "bad"), error.within("rows[2]"));
        assertEquals(error, error.within(""));
    }
}
