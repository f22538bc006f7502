package io.basehook.domain.cell;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CellValueTest {

    // 1 and 1.0 must be one value, or re-sending a number would be reported as a change
    @Test
    void numbersAreEqualWhenNumericallyEqualWhateverTheirScale() {
        CellValue.Number one = new CellValue.Number(new BigDecimal("1"));
        CellValue.Number onePointZero = new CellValue.Number(new BigDecimal("1.0"));
        CellValue.Number onePointZeroZero = new CellValue.Number(new BigDecimal("1.00"));
        assertEquals(one, onePointZero);
        assertEquals(onePointZero, onePointZeroZero);
        assertEquals(one.hashCode(), onePointZero.hashCode());
        assertTrue(new HashSet<>(List.of(one)).contains(onePointZeroZero));
    }

    @Test
    void zeroesOfAnyScaleAndLargeRoundNumbersHashAlike() {
        assertEquals(new CellValue.Number(new BigDecimal("0")), new CellValue.Number(new BigDecimal("0.000")));
        assertEquals(new CellValue.Number(new BigDecimal("0")).hashCode(), new CellValue.Number(new BigDecimal("0.000")).hashCode());
        assertEquals(new CellValue.Number(new BigDecimal("100")).hashCode(), new CellValue.Number(new BigDecimal("1E+2")).hashCode());
    }

    @Test
    void differentNumbersDiffer() {
        assertNotEquals(new CellValue.Number(new BigDecimal("1")), new CellValue.Number(new BigDecimal("1.01")));
        assertNotEquals(new CellValue.Number(new BigDecimal("1")), new CellValue.Number(new BigDecimal("-1")));
        assertNotEquals(new CellValue.Number(BigDecimal.ONE), new CellValue.Text("1"));
    }

    @Test
    void anEmptyMultipleSelectIsNotAValue() {
        assertThrows(IllegalArgumentException.class, () -> new CellValue.Options(List.of()));
    }

    @Test
    void multipleSelectKeepsItsOwnCopyOfTheIds() {
        List<String> ids = new ArrayList<>(List.of("100001"));
        CellValue.Options options = new CellValue.Options(ids);
        ids.add("100002");
        assertEquals(List.of("100001"), options.optionIds());
    }

    @Test
    void valuesAreNeverNull() {
        assertThrows(NullPointerException.class, () -> new CellValue.Text(null));
        assertThrows(NullPointerException.class, () -> new CellValue.Number(null));
        assertThrows(NullPointerException.class, () -> new CellValue.Date(null));
        assertThrows(NullPointerException.class, () -> new CellValue.Option(null));
    }
}
