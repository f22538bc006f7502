package io.basehook.domain.table;

import io.basehook.domain.shared.BasehookException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SelectOptionTest {

    @Test
    void colorDefaultsAndNameIsTrimmed() {
        SelectOption option = new SelectOption("381992", " ++ ", null);
        assertEquals("++", option.name());
        assertEquals(SelectOption.DEFAULT_COLOR, option.color());
    }

    @Test
    void rejectsMalformedIdsAndColors() {
        assertEquals("options.id", assertThrows(BasehookException.class,
                () -> new SelectOption("", "a", null)).errors().get(0).field());
        assertThrows(BasehookException.class, () -> new SelectOption("a b", "a", null));
        assertThrows(BasehookException.class, () -> new SelectOption("x".repeat(33), "a", null));
        assertEquals("options.color", assertThrows(BasehookException.class,
                () -> new SelectOption("1", "a", "red")).errors().get(0).field());
        assertThrows(BasehookException.class, () -> new SelectOption("1", "a", "#FFF"));
    }

    @ParameterizedTest
    @EnumSource(ColumnType.class)
    void everyColumnTypeIsFoundByItsWireName(ColumnType type) {
        assertEquals(type, ColumnType.fromWireName(type.wireName(), "type"));
    }

    @Test
    void anUnknownColumnTypeIsInvalid() {
        BasehookException e = assertThrows(BasehookException.class, () -> ColumnType.fromWireName("LONG_TEXT", "type"));
        assertEquals(BasehookException.Kind.INVALID, e.kind());
        assertEquals("type", e.errors().get(0).field());
    }
}
