package io.basehook.domain.shared;

import java.util.Objects;

/**
 * The shape of an identifier: a fixed prefix, then a fixed number of characters from an alphabet (the first of
 * them possibly from a narrower one). Ids are checked on every row written and every delivery recorded, so this
 * is a table lookup per character instead of a regular expression.
 */
public final class IdFormat {

    public static final String DIGITS = "0123456789";
    public static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" + DIGITS;
    public static final String URL_SAFE = ALPHANUMERIC + "_-";
    public static final String LOWER_HEX = DIGITS + "abcdef";
    /** Crockford's base32, as ULIDs use it: no I, L, O or U. */
    public static final String CROCKFORD = DIGITS + "ABCDEFGHJKMNPQRSTVWXYZ";

    private final String prefix;
    private final int length;
    private final boolean[] first;
    private final boolean[] rest;

    private IdFormat(String prefix, boolean[] first, boolean[] rest, int length) {
        if (length < 1) {
            throw new IllegalArgumentException("an id has at least one character after its prefix");
        }
        this.prefix = Objects.requireNonNull(prefix);
        this.length = length;
        this.first = first;
        this.rest = rest;
    }

    /** {@code prefix}, then exactly {@code length} characters of {@code alphabet} (ASCII). */
    public static IdFormat of(String prefix, String alphabet, int length) {
        boolean[] table = table(alphabet);
        return new IdFormat(prefix, table, table, length);
    }

    /** The same format with its first character (after the prefix) from {@code alphabet} only. */
    public IdFormat firstFrom(String alphabet) {
        return new IdFormat(prefix, table(alphabet), rest, length);
    }

    /** Whether {@code value} has this shape; false for null. */
    public boolean matches(String value) {
        if (value == null || value.length() != prefix.length() + length || !value.startsWith(prefix)) {
            return false;
        }
        int start = prefix.length();
        if (!in(first, value.charAt(start))) {
            return false;
        }
        for (int i = start + 1; i < value.length(); i++) {
            if (!in(rest, value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean in(boolean[] table, char c) {
        return c < table.length && table[c];
    }

    private static boolean[] table(String alphabet) {
        boolean[] table = new boolean[128];
        for (int i = 0; i < alphabet.length(); i++) {
            char c = alphabet.charAt(i);
            if (c >= table.length) {
                throw new IllegalArgumentException("an id alphabet is ASCII: " + alphabet);
            }
            table[c] = true;
        }
        return table;
    }
}
