package io.basehook.domain.token;

import io.basehook.domain.shared.BasehookException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiTokenIdTest {

    @Test
    void randomIdsAreTokPrefixAnd16Alphanumerics() {
        for (int i = 0; i < 1_000; i++) {
            String value = ApiTokenId.random().value();
            assertTrue(value.matches("tok_[A-Za-z0-9]{16}"), value);
        }
        assertNotEquals(ApiTokenId.random(), ApiTokenId.random());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "tok_", "tok_abcdefghijklmno", "tok_abcdefghijklmnopq", "TOK_abcdefghijklmnop",
            "abcdefghijklmnopqrst", "tok_abcdefghijklmn-p", "bh_abcdefghijklmnop"})
    void malformedIdsAreApiTokenNotFound(String value) {
        BasehookException e = assertThrows(BasehookException.class, () -> new ApiTokenId(value));
        assertEquals(BasehookException.Kind.NOT_FOUND, e.kind());
        assertEquals("api_token_not_found", e.code());
    }
}
