package io.basehook.domain.shared;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random identifiers in the formats SeaTable uses, from one shared {@link SecureRandom}. */
public final class RandomIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] CROCKFORD = IdFormat.CROCKFORD.toCharArray();

    private RandomIds() {
    }

    public static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** {@code count} random bytes as lowercase hex. */
    public static String hex(int byteCount) {
        return HexFormat.of().formatHex(bytes(byteCount));
    }

    /** {@code byteCount} random bytes as URL-safe base64 without padding. */
    public static String urlSafeBase64(int byteCount) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(byteCount));
    }

    /** {@code length} characters of {@code [A-Za-z0-9]}. */
    public static String alphanumeric(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(IdFormat.ALPHANUMERIC.charAt(RANDOM.nextInt(IdFormat.ALPHANUMERIC.length())));
        }
        return text.toString();
    }

    /** {@code length} decimal digits, the first one not zero. */
    public static String digits(int length) {
        StringBuilder text = new StringBuilder(length);
        text.append(1 + RANDOM.nextInt(9));
        for (int i = 1; i < length; i++) {
            text.append(RANDOM.nextInt(10));
        }
        return text.toString();
    }

    /** A ULID: 48 bits of epoch milliseconds then 80 random bits, in Crockford base32 (26 chars), so ids sort by time. */
    public static String ulid(long epochMillis) {
        byte[] random = bytes(10);
        char[] out = new char[26];
        long time = epochMillis;
        for (int i = 9; i >= 0; i--) {
            out[i] = CROCKFORD[(int) (time & 31)];
            time >>>= 5;
        }
        // 80 random bits -> 16 chars of 5 bits
        long high = 0;
        for (int i = 0; i < 5; i++) {
            high = (high << 8) | (random[i] & 0xff);
        }
        long low = 0;
        for (int i = 5; i < 10; i++) {
            low = (low << 8) | (random[i] & 0xff);
        }
        for (int i = 7; i >= 0; i--) {
            out[10 + i] = CROCKFORD[(int) (high & 31)];
            high >>>= 5;
        }
        for (int i = 7; i >= 0; i--) {
            out[18 + i] = CROCKFORD[(int) (low & 31)];
            low >>>= 5;
        }
        return new String(out);
    }
}
