package io.basehook.domain.shared;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdFormatTest {

    /** Each format beside the regular expression it replaced; they must agree on every string. */
    private record Pair(IdFormat format, Pattern regex, String sample) {
    }

    private static final List<Pair> PAIRS = List.of(
            new Pair(IdFormat.of("evt_", IdFormat.CROCKFORD, 26).firstFrom("01234567"),
                    Pattern.compile("evt_[0-7][0-9A-HJKMNP-TV-Z]{25}"), "evt_01JD2Q9Y7W0M8N4T6V5R3P1K2H"),
            new Pair(IdFormat.of("", IdFormat.LOWER_HEX, 32), Pattern.compile("[0-9a-f]{32}"),
                    "fae0a3a42ba94df88e8303fd385e37de"),
            new Pair(IdFormat.of("", IdFormat.URL_SAFE, 22), Pattern.compile("[A-Za-z0-9_-]{22}"),
                    "QoNno3QiTF26sxmG1sl3_g"),
            new Pair(IdFormat.of("wh_", IdFormat.ALPHANUMERIC, 16), Pattern.compile("wh_[A-Za-z0-9]{16}"),
                    "wh_a1B2c3D4e5F6g7H8"),
            new Pair(IdFormat.of("", IdFormat.ALPHANUMERIC, 4), Pattern.compile("[A-Za-z0-9]{4}"), "9g8f"));

    /** Characters that are in some alphabet, next to one, or far outside ASCII. */
    private static final String NOISE = IdFormat.URL_SAFE + "ILOUilou/:@[`{~ _.\u00e9\u0130\u212a\uff10";

    @Test
    void agreesWithTheRegularExpressionsItReplaced() {
        Random random = new Random(20261128L);
        for (Pair pair : PAIRS) {
            assertTrue(pair.format().matches(pair.sample()));
            int accepted = 0;
            for (int i = 0; i < 20_000; i++) {
                String candidate = mutate(pair.sample(), random);
                boolean expected = pair.regex().matcher(candidate).matches();
                assertEquals(expected, pair.format().matches(candidate), candidate);
                accepted += expected ? 1 : 0;
            }
            // the mutations hit both sides of the line, so the agreement says something
            assertTrue(accepted >= 1_000 && accepted <= 19_000, pair.regex().pattern() + " accepted " + accepted);
        }
    }

    @Test
    void rejectsNullAndWrongLengthsAndPrefixes() {
        IdFormat webhook = IdFormat.of("wh_", IdFormat.ALPHANUMERIC, 16);
        assertFalse(webhook.matches(null));
        assertFalse(webhook.matches(""));
        assertFalse(webhook.matches("wh_a1B2c3D4e5F6g7H"));
        assertFalse(webhook.matches("wh_a1B2c3D4e5F6g7H8x"));
        assertFalse(webhook.matches("WH_a1B2c3D4e5F6g7H8"));
        assertFalse(webhook.matches("wh-a1B2c3D4e5F6g7H8"));
    }

    @Test
    void theFirstCharacterCanBeNarrower() {
        IdFormat ulid = IdFormat.of("", IdFormat.CROCKFORD, 2).firstFrom("01");
        assertTrue(ulid.matches("1Z"));
        assertFalse(ulid.matches("2Z"));
        assertTrue(ulid.matches("11"));
    }

    @Test
    void alphabetsAreAsciiAndLengthsPositive() {
        assertThrows(IllegalArgumentException.class, () -> IdFormat.of("", "ab\u00e9", 3));
        assertThrows(IllegalArgumentException.class, () -> IdFormat.of("x", "ab", 0));
    }

    /** A few random edits: replace, insert or delete characters, or change the case of one. */
    private static String mutate(String sample, Random random) {
        StringBuilder text = new StringBuilder(sample);
        int edits = random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = text.length() == 0 ? 0 : random.nextInt(text.length());
            char noise = NOISE.charAt(random.nextInt(NOISE.length()));
            switch (random.nextInt(8)) {
                case 0 -> text.insert(at, noise);
                case 1 -> {
                    if (text.length() > 0) {
                        text.deleteCharAt(at);
                    }
                }
                case 2 -> {
                    if (text.length() > 0) {
                        text.setCharAt(at, Character.toUpperCase(text.charAt(at)));
                    }
                }
                default -> {
                    if (text.length() > 0) {
                        text.setCharAt(at, noise);
                    }
                }
            }
        }
        return text.toString();
    }
}
