package io.basehook.adapter.persistence;

import io.basehook.domain.cell.CellValue;
import io.basehook.domain.table.ColumnKey;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The stored shape of cells, which other tools (and later migrations) may read. */
class CellsJsonTest {

    @Test
    void writesSelfDescribingValuesByColumnKeyInKeyOrder() {
        Map<ColumnKey, CellValue> cells = Map.of(
                new ColumnKey("f000"), new CellValue.Options(List.of("1", "2")),
                new ColumnKey("e000"), new CellValue.Option("381992"),
                new ColumnKey("d000"), new CellValue.Date("2026-11-27"),
                new ColumnKey("c000"), new CellValue.Checkbox(true),
                new ColumnKey("b000"), new CellValue.Number(new BigDecimal("0.1")),
                new ColumnKey("a000"), new CellValue.Text("ACME"));

        String json = CellsJson.write(cells);

        assertEquals("{\"a000\":\"ACME\",\"b000\":0.1,\"c000\":true,\"d000\":{\"d\":\"2026-11-27\"},"
                + "\"e000\":{\"o\":\"381992\"},\"f000\":{\"m\":[\"1\",\"2\"]}}", json);
        assertEquals(cells, CellsJson.read(json));
    }

    @Test
    void keepsEveryDigitOfANumber() {
        Map<ColumnKey, CellValue> cells = Map.of(new ColumnKey("a000"),
                new CellValue.Number(new BigDecimal("12345678901234567890.123456789")));

        String json = CellsJson.write(cells);

        assertEquals("{\"a000\":12345678901234567890.123456789}", json);
        assertEquals("12345678901234567890.123456789",
                ((CellValue.Number) CellsJson.read(json).get(new ColumnKey("a000"))).value().toPlainString());
    }

    @Test
    void refusesAStoredValueOfUnknownShape() {
        assertThrows(IllegalStateException.class, () -> CellsJson.read("{\"a000\":{\"x\":1}}"));
        assertThrows(IllegalStateException.class, () -> CellsJson.read("{\"a000\":null}"));
    }
}
