package io.basehook.domain.table;

import io.basehook.domain.cell.CellValue;
import io.basehook.domain.shared.BasehookException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.basehook.domain.table.SampleTables.AMOUNT;
import static io.basehook.domain.table.SampleTables.DONE;
import static io.basehook.domain.table.SampleTables.DUE;
import static io.basehook.domain.table.SampleTables.MAIL;
import static io.basehook.domain.table.SampleTables.NAME;
import static io.basehook.domain.table.SampleTables.NOTES;
import static io.basehook.domain.table.SampleTables.PRIO;
import static io.basehook.domain.table.SampleTables.SITE;
import static io.basehook.domain.table.SampleTables.TAGS;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ColumnTest {

    /** Asserts the value is rejected as {@code invalid_cell_value} with one error naming the column. */
    static BasehookException assertRejected(Column column, Object raw) {
        BasehookException e = assertThrows(BasehookException.class, () -> column.parse(raw),
                () -> column.type() + " accepted " + raw);
        assertEquals(BasehookException.Kind.INVALID, e.kind());
        assertEquals("invalid_cell_value", e.code());
        assertEquals(1, e.errors().size());
        assertEquals(column.name(), e.errors().get(0).field());
        assertTrue(e.getMessage().contains("'" + column.name() + "'"), e.getMessage());
        return e;
    }

    private static CellValue number(String value) {
        return new CellValue.Number(new BigDecimal(value));
    }

    @Test
    void nullIsAnEmptyCellForEveryType() {
        for (Column column : SampleTables.ALL) {
            assertNull(column.parse(null), column.type().wireName());
        }
    }

    // a client sends whatever its JSON parser made of a wrong value; every column must name itself
    @Test
    void aValueOfTheWrongTypeIsRejectedNamingTheColumnForEveryType() {
        Map<Column, Object> wrong = Map.of(NAME, 42, NOTES, true, AMOUNT, "12", DONE, "true", DUE, 20261127,
                PRIO, List.of("++"), TAGS, "red", MAIL, 1, SITE, List.of("https://example.com"));
        assertEquals(SampleTables.ALL.size(), wrong.size());
        wrong.forEach(ColumnTest::assertRejected);
    }

    @Test
    void aColumnNeedsAValidNameAndOptionsOnlyWhenItIsASelect() {
        ColumnKey key = new ColumnKey("abcd");
        assertThrows(BasehookException.class, () -> new Column(key, " ", ColumnType.TEXT, List.of()));
        assertThrows(BasehookException.class, () -> new Column(key, "Prio", ColumnType.TEXT,
                List.of(new SelectOption("1", "a", null))));
        BasehookException twiceId = assertThrows(BasehookException.class, () -> new Column(key, "Prio",
                ColumnType.SINGLE_SELECT, List.of(new SelectOption("1", "a", null), new SelectOption("1", "b", null))));
        assertEquals("invalid_option", twiceId.code());
        BasehookException twiceName = assertThrows(BasehookException.class, () -> new Column(key, "Prio",
                ColumnType.SINGLE_SELECT, List.of(new SelectOption("1", "a", null), new SelectOption("2", "a", null))));
        assertEquals("invalid_option", twiceName.code());
        assertEquals("Prio", new Column(key, "  Prio ", ColumnType.TEXT, null).name());
    }

    @Nested
    class Text {

        @Test
        void keepsTheStringAsIsUpTo10000Chars() {
            assertEquals(new CellValue.Text(" ACME renewal "), NAME.parse(" ACME renewal "));
            assertEquals(new CellValue.Text("x".repeat(10_000)), NAME.parse("x".repeat(10_000)));
        }

        @Test
        void rejects10001Chars() {
            BasehookException e = assertRejected(NAME, "x".repeat(10_001));
            assertTrue(e.getMessage().contains("10000"), e.getMessage());
        }

        @Test
        void theEmptyStringIsAnEmptyCell() {
            assertNull(NAME.parse(""));
        }

        @Test
        void rejectsNonStrings() {
            assertRejected(NAME, 42);
            assertRejected(NAME, true);
            assertRejected(NAME, List.of("a"));
        }
    }

    @Nested
    class LongText {

        @Test
        void acceptsUpTo100000Chars() {
            assertEquals(new CellValue.Text("x".repeat(100_000)), NOTES.parse("x".repeat(100_000)));
            assertEquals(new CellValue.Text("line 1\nline 2"), NOTES.parse("line 1\nline 2"));
        }

        @Test
        void rejects100001Chars() {
            assertRejected(NOTES, "x".repeat(100_001));
        }

        @Test
        void theEmptyStringIsAnEmptyCell() {
            assertNull(NOTES.parse(""));
        }
    }

    @Nested
    class Number {

        @Test
        void acceptsWhatJsonParsersProduce() {
            assertEquals(number("42"), AMOUNT.parse(42));
            assertEquals(number("9007199254740993"), AMOUNT.parse(9_007_199_254_740_993L));
            assertEquals(number("-1.5"), AMOUNT.parse(-1.5d));
            assertEquals(number("0.1"), AMOUNT.parse(0.1d));
            assertEquals(number("123456789.123456789"), AMOUNT.parse(new BigDecimal("123456789.123456789")));
            assertEquals(number("123456789012345678901234567890"),
                    AMOUNT.parse(new BigInteger("123456789012345678901234567890")));
            assertEquals(number("7"), AMOUNT.parse((short) 7));
        }

        @Test
        void oneAndOnePointZeroAreTheSameCell() {
            assertEquals(AMOUNT.parse(1), AMOUNT.parse(1.0d));
            assertEquals(AMOUNT.parse(1L), AMOUNT.parse(new BigDecimal("1.000")));
        }

        @Test
        void rejectsNaNAndInfinities() {
            assertRejected(AMOUNT, Double.NaN);
            assertRejected(AMOUNT, Double.POSITIVE_INFINITY);
            assertRejected(AMOUNT, Double.NEGATIVE_INFINITY);
            assertRejected(AMOUNT, Float.NaN);
        }

        // numbers are stored in a fixed-precision column; a value that cannot fit must not be cut silently
        @Test
        void rejectsNumbersBeyondTheStoredPrecision() {
            assertRejected(AMOUNT, 1e300);
            assertRejected(AMOUNT, new BigDecimal("1E+41"));
            assertRejected(AMOUNT, new BigDecimal("0.000000000000000000001"));
            assertEquals(number("1E+39"), AMOUNT.parse(new BigDecimal("1E+39")));
        }

        @Test
        void rejectsStringsAndBooleans() {
            assertRejected(AMOUNT, "12");
            assertRejected(AMOUNT, true);
            assertNull(AMOUNT.parse(""), "an empty string is an empty cell for every type");
        }
    }

    @Nested
    class Checkbox {

        @Test
        void tickedIsAValueAndUntickedIsTheEmptyCell() {
            assertEquals(new CellValue.Checkbox(true), DONE.parse(true));
            assertNull(DONE.parse(false));
            assertNull(DONE.parse(""));
            assertEquals(Boolean.FALSE, DONE.render(null));
        }

        @Test
        void rejectsAnythingElse() {
            assertRejected(DONE, "true");
            assertRejected(DONE, 1);
        }
    }

    @Nested
    class Date {

        @ParameterizedTest
        @ValueSource(strings = {"2026-11-27", "2026-11-27T14:30", "2026-11-27T14:30:59", "2028-02-29", "2026-12-31T23:59",
                "0001-01-01"})
        void acceptsRealCalendarDatesAsSent(String value) {
            assertEquals(new CellValue.Date(value), DUE.parse(value));
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-02-30", "2026-02-29", "2026-13-01", "2026-00-10", "2026-11-31", "2026-11-27T24:00",
                "2026-11-27T14:60", "2026-11-27T14", "2026-11-27 14:30", "2026-11-27T14:30Z", "2026-11-27T14:30+01:00",
                "27.11.2026", "20261127", "2026-1-27", "next friday"})
        void rejectsWhatIsNotARealDateOrHasAZone(String value) {
            assertRejected(DUE, value);
        }

        @Test
        void theEmptyStringIsAnEmptyCellAndNumbersAreRejected() {
            assertNull(DUE.parse(""));
            assertRejected(DUE, 1_764_253_800_000L);
        }
    }

    @Nested
    class SingleSelect {

        @Test
        void takesAnOptionNameAndStoresItsId() {
            assertEquals(new CellValue.Option("381992"), PRIO.parse("++"));
            assertEquals(new CellValue.Option("381994"), PRIO.parse("-"));
        }

        @Test
        void rejectsAnUnknownOptionNamingIt() {
            BasehookException e = assertRejected(PRIO, "+++");
            assertTrue(e.getMessage().contains("'+++'"), e.getMessage());
        }

        // clients write names; an id that happens to exist must not slip through as a name
        @Test
        void rejectsAnOptionIdInPlaceOfItsName() {
            assertRejected(PRIO, "381992");
        }

        @Test
        void theEmptyStringIsAnEmptyCellAndOtherTypesAreRejected() {
            assertNull(PRIO.parse(""));
            assertRejected(PRIO, 381992);
            assertRejected(PRIO, List.of("++"));
        }
    }

    @Nested
    class MultipleSelect {

        @Test
        void takesAnArrayOfNamesAndStoresTheirIdsInOrder() {
            assertEquals(new CellValue.Options(List.of("100003", "100001")), TAGS.parse(List.of("blue", "red")));
        }

        @Test
        void theEmptyArrayIsAnEmptyCell() {
            assertNull(TAGS.parse(List.of()));
        }

        @Test
        void rejectsDuplicatesUnknownNamesAndNonStrings() {
            assertRejected(TAGS, List.of("red", "red"));
            BasehookException unknown = assertRejected(TAGS, List.of("red", "purple"));
            assertTrue(unknown.getMessage().contains("'purple'"), unknown.getMessage());
            assertRejected(TAGS, List.of(100001));
            assertRejected(TAGS, Arrays.asList("red", null));
            assertRejected(TAGS, "red");
        }
    }

    @Nested
    class Email {

        @ParameterizedTest
        @ValueSource(strings = {"someone@example.com", "first.last+tag@sub.example.co.uk", "ÿ@example.org"})
        void acceptsAddresses(String value) {
            assertEquals(new CellValue.Text(value), MAIL.parse(value));
        }

        @ParameterizedTest
        @ValueSource(strings = {"someone", "someone@", "@example.com", "someone@example", "some one@example.com",
                "a@b@example.com", "<someone@example.com>", "someone@example.com, other@example.com"})
        void rejectsWhatIsNotAnAddress(String value) {
            assertRejected(MAIL, value);
        }

        @Test
        void rejectsOverlongAddressesAndTreatsEmptyAsEmpty() {
            assertRejected(MAIL, "a".repeat(310) + "@example.com");
            assertNull(MAIL.parse(""));
        }
    }

    @Nested
    class Url {

        @ParameterizedTest
        @ValueSource(strings = {"https://example.com", "http://example.com:8080/path?q=1#top", "HTTPS://EXAMPLE.COM/"})
        void acceptsAbsoluteHttpUrls(String value) {
            assertEquals(new CellValue.Text(value), SITE.parse(value));
        }

        @ParameterizedTest
        @ValueSource(strings = {"example.com", "/relative/path", "ftp://example.com", "mailto:someone@example.com",
                "javascript:alert(1)", "https://", "http://exa mple.com", "https:///path"})
        void rejectsAnythingButAnAbsoluteHttpUrl(String value) {
            assertRejected(SITE, value);
        }

        @Test
        void rejectsOverlongUrlsAndTreatsEmptyAsEmpty() {
            assertRejected(SITE, "https://example.com/" + "x".repeat(10_000));
            assertNull(SITE.parse(""));
        }
    }

    @Nested
    class Render {

        @Test
        void givesEveryValueBackInTheFormClientsSent() {
            Map<Column, Object> sent = Map.of(NAME, "ACME", NOTES, "long\ntext", AMOUNT, new BigDecimal("12.5"),
                    DONE, true, DUE, "2026-11-27T14:30", PRIO, "++", TAGS, List.of("green", "red"),
                    MAIL, "someone@example.com", SITE, "https://example.com");
            List<Executable> checks = new ArrayList<>();
            sent.forEach((column, raw) -> checks.add(() -> assertEquals(raw, column.render(column.parse(raw)),
                    column.type().wireName())));
            assertAll(checks);
        }

        @Test
        void nullRendersAsNullAndAsEmptyText() {
            assertNull(NAME.render(null));
            assertEquals("", NAME.displayText(null));
        }

        // a cell may still hold an option id the column no longer has until it is rewritten
        @Test
        void optionIdsTheColumnNoLongerHasAreLeftOut() {
            assertNull(PRIO.render(new CellValue.Option("999999")));
            assertEquals(List.of("red"), TAGS.render(new CellValue.Options(List.of("999999", "100001"))));
        }

        @Test
        void displayTextIsOneLineOfPlainText() {
            assertEquals("1000", AMOUNT.displayText(number("1E+3")));
            assertEquals("red, blue", TAGS.displayText(new CellValue.Options(List.of("100001", "100003"))));
            assertEquals("++", PRIO.displayText(new CellValue.Option("381992")));
            assertEquals("false", DONE.displayText(new CellValue.Checkbox(false)));
        }
    }

    @Nested
    class Adopt {

        private Column retyped(Column column, ColumnType type, SelectOption... options) {
            return new Column(column.key(), column.name(), type, List.of(options));
        }

        @Test
        void anEmptyCellStaysEmpty() {
            assertNull(retyped(NAME, ColumnType.NUMBER).adopt(NAME, null));
        }

        @Test
        void aRemovedOptionClearsItsCellsAndKeptOptionsStay() {
            Column withoutPlusPlus = new Column(PRIO.key(), "Prio", ColumnType.SINGLE_SELECT, PRIO.options().subList(1, 3));
            assertNull(withoutPlusPlus.adopt(PRIO, new CellValue.Option("381992")));
            assertEquals(new CellValue.Option("381993"), withoutPlusPlus.adopt(PRIO, new CellValue.Option("381993")));
        }

        @Test
        void aMultipleSelectKeepsTheOptionsThatRemain() {
            Column onlyRedAndBlue = new Column(TAGS.key(), "Tags", ColumnType.MULTIPLE_SELECT,
                    List.of(TAGS.options().get(0), TAGS.options().get(2)));
            assertEquals(new CellValue.Options(List.of("100001", "100003")),
                    onlyRedAndBlue.adopt(TAGS, new CellValue.Options(List.of("100001", "100002", "100003"))));
            assertNull(onlyRedAndBlue.adopt(TAGS, new CellValue.Options(List.of("100002"))));
        }

        @Test
        void renamingAnOptionKeepsTheCellsSinceTheyHoldIds() {
            Column renamed = new Column(PRIO.key(), "Prio", ColumnType.SINGLE_SELECT, List.of(
                    new SelectOption("381992", "urgent", null), PRIO.options().get(1), PRIO.options().get(2)));
            assertEquals(new CellValue.Option("381992"), renamed.adopt(PRIO, new CellValue.Option("381992")));
        }

        @Test
        void singleAndMultipleSelectConvertIntoEachOther() {
            Column asMultiple = retyped(PRIO, ColumnType.MULTIPLE_SELECT, PRIO.options().toArray(SelectOption[]::new));
            assertEquals(new CellValue.Options(List.of("381993")), asMultiple.adopt(PRIO, new CellValue.Option("381993")));
            Column asSingle = retyped(TAGS, ColumnType.SINGLE_SELECT, TAGS.options().toArray(SelectOption[]::new));
            assertEquals(new CellValue.Option("100002"),
                    asSingle.adopt(TAGS, new CellValue.Options(List.of("100002", "100001"))));
        }

        @Test
        void anythingBecomesTextThroughItsDisplayText() {
            Column text = retyped(AMOUNT, ColumnType.TEXT);
            assertEquals(new CellValue.Text("12.5"), text.adopt(AMOUNT, number("12.5")));
            assertEquals(new CellValue.Text("1000"), text.adopt(AMOUNT, number("1E+3")));
            assertEquals(new CellValue.Text("++"), retyped(PRIO, ColumnType.TEXT).adopt(PRIO, new CellValue.Option("381992")));
            assertEquals(new CellValue.Text("red, blue"),
                    retyped(TAGS, ColumnType.LONG_TEXT).adopt(TAGS, new CellValue.Options(List.of("100001", "100003"))));
            assertEquals(new CellValue.Text("true"), retyped(DONE, ColumnType.TEXT).adopt(DONE, new CellValue.Checkbox(true)));
            assertEquals(new CellValue.Text("2026-11-27"),
                    retyped(DUE, ColumnType.TEXT).adopt(DUE, new CellValue.Date("2026-11-27")));
        }

        @Test
        void textKeepsItsValueWhenTheNewTypeAcceptsIt() {
            assertEquals(new CellValue.Date("2026-11-27"),
                    retyped(NAME, ColumnType.DATE).adopt(NAME, new CellValue.Text("2026-11-27")));
            assertEquals(new CellValue.Text("someone@example.com"),
                    retyped(NAME, ColumnType.EMAIL).adopt(NAME, new CellValue.Text("someone@example.com")));
            Column select = retyped(NAME, ColumnType.SINGLE_SELECT, new SelectOption("1", "ACME", null));
            assertEquals(new CellValue.Option("1"), select.adopt(NAME, new CellValue.Text("ACME")));
        }

        @Test
        void aValueTheNewTypeRejectsIsCleared() {
            assertNull(retyped(NAME, ColumnType.DATE).adopt(NAME, new CellValue.Text("next friday")));
            assertNull(retyped(NAME, ColumnType.EMAIL).adopt(NAME, new CellValue.Text("ACME")));
            assertNull(retyped(NAME, ColumnType.NUMBER).adopt(NAME, new CellValue.Text("ACME")));
            assertNull(retyped(NAME, ColumnType.SINGLE_SELECT, new SelectOption("1", "Globex", null))
                    .adopt(NAME, new CellValue.Text("ACME")));
            assertNull(retyped(DONE, ColumnType.NUMBER).adopt(DONE, new CellValue.Checkbox(true)));
            assertNull(retyped(NOTES, ColumnType.TEXT).adopt(NOTES, new CellValue.Text("x".repeat(10_001))));
        }
    }
}
