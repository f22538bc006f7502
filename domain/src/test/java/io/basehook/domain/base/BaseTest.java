package io.basehook.domain.base;

import io.basehook.domain.shared.BasehookException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BaseTest {

    private static final Instant NOW = Instant.parse("2026-11-27T14:30:00Z");

    @Test
    void createGivesANewIdAndKeepsTheTrimmedName() {
        Base base = Base.create("  CRM  ", NOW);
        assertEquals("CRM", base.name());
        assertEquals(NOW, base.createdAt());
        assertNotEquals(base.id(), Base.create("CRM", NOW).id());
    }

    @Test
    void restoreKeepsWhatWasStored() {
        BaseId id = new BaseId("fae0a3a42ba94df88e8303fd385e37de");
        Base base = Base.restore(id, "CRM", NOW);
        assertEquals(id, base.id());
        assertEquals("CRM", base.name());
    }

    @Test
    void aBlankNameIsInvalidAndNamesTheField() {
        BasehookException e = assertThrows(BasehookException.class, () -> Base.create("   ", NOW));
        assertEquals(BasehookException.Kind.INVALID, e.kind());
        assertEquals("name", e.errors().get(0).field());
    }
}
