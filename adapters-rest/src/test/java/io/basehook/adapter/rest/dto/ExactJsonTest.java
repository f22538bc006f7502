package io.basehook.adapter.rest.dto;

import io.basehook.domain.shared.BasehookException;
import io.basehook.domain.shared.FieldError;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExactJsonTest {

    @Test
    void decimalsStayExact() {
        Map<?, ?> parsed = (Map<?, ?>) ExactJson.parse("{\"a\":0.1,\"b\":1.10,\"c\":3.141592653589793238462643383279,\"d\":1e3}");

        assertEquals(new BigDecimal("0.1"), parsed.get("a"));
        assertEquals(new BigDecimal("1.10"), parsed.get("b"));
        assertEquals(new BigDecimal("3.141592653589793238462643383279"), parsed.get("c"));
        assertEquals(0, new BigDecimal("1000").compareTo((BigDecimal) parsed.get("d")));
    }

    @Test
    void integersKeepTheirSize() {
        List<?> parsed = (List<?>) ExactJson.parse("[7, 12345678901, 123456789012345678901234567890]");

        assertEquals(List.of(7, 12345678901L, new BigInteger("123456789012345678901234567890")), parsed);
    }

    @Test
    void nullsArraysAndOrderSurvive() {
        Map<?, ?> parsed = (Map<?, ?>) ExactJson.parse("{\"z\":null,\"a\":[true,null,\"s\"],\"m\":{}}");

        assertEquals(List.of("z", "a", "m"), List.copyOf(parsed.keySet()));
        assertTrue(parsed.containsKey("z"));
        assertEquals(null, parsed.get("z"));
        assertEquals(Arrays.asList(true, null, "s"), parsed.get("a"));
        assertEquals(Map.of(), parsed.get("m"));
    }

    @Test
    void refusesWhatIsNotExactlyOneJsonValue() {
        for (String bad : List.of("", "{\"a\":1} {}", "{\"a\":1,\"a\":2}", "{\"a\":NaN}", "{'a':1}", "[1,]")) {
            assertThrows(BasehookException.class, () -> ExactJson.parse(bad), bad);
        }
    }

    @Test
    void refusesNestingDeepEnoughToExhaustTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);

        BasehookException refused = assertThrows(BasehookException.class, () -> ExactJson.parse(deep));

        assertTrue(refused.getMessage().contains("nested too deeply"), refused.getMessage());
    }

    @Test
    void aRepeatedKeyIsNamedByItsPathEvenWhenItsValuesAreNull() {
        BasehookException refused = assertThrows(BasehookException.class,
                () -> ExactJson.parse("{\"rows\":[{\"A\":1},{\"B\":null,\"B\":null}]}"));

        assertEquals("duplicate_key", refused.code());
        assertEquals(List.of(new FieldError("rows[1].B", "rows[1].B appears more than once in its object")), refused.errors());
    }

    @Test
    void aLoneSurrogateIsRefusedButAPairIsText() {
        BasehookException value = assertThrows(BasehookException.class, () -> ExactJson.parse("{\"a\":[\"x\\ud800y\"]}"));
        BasehookException key = assertThrows(BasehookException.class, () -> ExactJson.parse("{\"a\":{\"\\udc00\":1}}"));
        BasehookException reversed = assertThrows(BasehookException.class, () -> ExactJson.parse("\"\\ude00\\ud83d\""));

        assertEquals("a[0]", value.errors().get(0).field());
        assertEquals("invalid_unicode", value.code());
        assertEquals("a", key.errors().get(0).field());
        assertEquals("body", reversed.errors().get(0).field());
        assertEquals("\ud83d\ude00", ExactJson.parse("\"\\ud83d\\ude00\""));
    }

    @Test
    void malformedJsonIsDescribedWithoutJacksonsWords() {
        for (String bad : List.of("{\"a\":NaN}", "{\"a\":-Infinity}", "{\"a\":", "{'a':1}", "[1,]", "{\"a\":nul}")) {
            BasehookException refused = assertThrows(BasehookException.class, () -> ExactJson.parse(bad), bad);

            assertEquals("malformed_json", refused.code());
            for (String word : List.of("JsonReadFeature", "StreamReadFeature", "Non-standard token", "enable", "`", "JsonToken")) {
                assertFalse(refused.getMessage().contains(word), bad + ": " + refused.getMessage());
            }
        }
    }
}
