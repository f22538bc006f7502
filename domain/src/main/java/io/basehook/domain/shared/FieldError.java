package io.basehook.domain.shared;

import java.util.Objects;

/** One invalid input: which field (as the client named it) and why. */
public record FieldError(String field, String message) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /** The same error seen from an enclosing field, e.g. {@code Prio} inside {@code rows[2]}. */
    public FieldError within(String prefix) {
        return new FieldError(prefix.isEmpty() ? field : prefix + "." + field, message);
    }
}
