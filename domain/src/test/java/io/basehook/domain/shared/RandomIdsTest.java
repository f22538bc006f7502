package io.basehook.domain.shared;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomIdsTest {

    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    @Test
    void hexIsTwoLowercaseCharsPerByte() {
        assertTrue(RandomIds.hex(16).matches("[0-9a-f]{32}"));
        assertEquals("", RandomIds.hex(0));
    }

    @Test
    void urlSafeBase64HasNoPaddingAndNoPlainBase64Symbols() {
        for (int i = 0; i < 500; i++) {
            assertTrue(RandomIds.urlSafeBase64(32).matches("[A-Za-z0-9_-]{43}"));
        }
    }

    // option ids are numbers as text, as SeaTable's; a leading zero would read as a shorter number
    @Test
    void digitsNeverStartWithZero() {
        for (int i = 0; i < 2_000; i++) {
            String digits = RandomIds.digits(6);
            assertTrue(digits.matches("[1-9][0-9]{5}"), digits);
        }
    }

    @Test
    void ulidEncodes48BitsOfTimeThen80RandomBits() {
        Random random = new Random(7L);
        for (int i = 0; i < 1_000; i++) {
            long millis = random.nextLong() & ((1L << 48) - 1);
            String ulid = RandomIds.ulid(millis);
            assertEquals(26, ulid.length());
            assertTrue(ulid.chars().allMatch(c -> CROCKFORD.indexOf(c) >= 0), ulid);
            long decoded = 0;
            for (char c : ulid.substring(0, 10).toCharArray()) {
                decoded = decoded * 32 + CROCKFORD.indexOf(c);
            }
            assertEquals(millis, decoded);
        }
    }

    @Test
    void ulidsOfOneMillisecondDifferInTheirRandomPart() {
        String first = RandomIds.ulid(1_764_253_800_000L);
        String second = RandomIds.ulid(1_764_253_800_000L);
        assertEquals(first.substring(0, 10), second.substring(0, 10));
        assertNotEquals(first.substring(10), second.substring(10));
    }
}
