package io.basehook.adapter.rest.dto;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
            assertThrows(IllegalArgumentException.class, () -> ExactJson.parse(bad), bad);
        }
    }

    @Test
    void refusesNestingDeepEnoughToExhaustTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);

        assertThrows(IllegalArgumentException.class, () -> ExactJson.parse(deep));
    }
}
