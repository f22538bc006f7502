package io.basehook.domain.shared;

/** The rule every user-given name follows: trimmed, 1 to 255 characters, no control characters. */
public final class Names {

    public static final int MAX_LENGTH = 255;

    private Names() {
    }

    public static String require(String name, String field) {
        if (name == null || name.isBlank()) {
            throw BasehookException.invalid("invalid_name", field, field + " must not be empty");
        }
        String trimmed = name.strip();
        if (trimmed.length() > MAX_LENGTH) {
            throw BasehookException.invalid("invalid_name", field, field + " must be at most " + MAX_LENGTH + " characters");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw BasehookException.invalid("invalid_name", field, field + " must not contain control characters");
        }
        return trimmed;
    }
}
