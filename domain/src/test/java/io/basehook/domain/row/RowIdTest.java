package io.basehook.domain.row;

import io.basehook.domain.shared.BasehookException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowIdTest {

    @Test
    void randomIdsAre22UrlSafeBase64CharsOf16Bytes() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String value = RowId.random().value();
            assertTrue(value.matches("[A-Za-z0-9_-]{22}"), value);
            assertEquals(16, Base64.getUrlDecoder().decode(value).length);
            seen.add(value);
        }
        assertEquals(1_000, seen.size());
    }

    @Test
    void acceptsASeaTableRowId() {
        assertEquals("QoNno3QiTF26sxmG1sl3_g", new RowId("QoNno3QiTF26sxmG1sl3_g").toString());
    }

    // '+', '/' and '=' belong to plain base64, not to the URL-safe alphabet a row id lives in
    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "QoNno3QiTF26sxmG1sl3_", "QoNno3QiTF26sxmG1sl3_gg", "QoNno3QiTF26sxmG1sl3+g",
            "QoNno3QiTF26sxmG1sl3/g", "QoNno3QiTF26sxmG1sl3_=", "QoNno3QiTF26sxmG1sl3 g"})
    void malformedIdsAreRowNotFound(String value) {
        BasehookException e = assertThrows(BasehookException.class, () -> new RowId(value));
        assertEquals(BasehookException.Kind.NOT_FOUND, e.kind());
        assertEquals("row_not_found", e.code());
    }
}
