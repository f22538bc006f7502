package io.basehook.domain.shared;

import java.util.List;

/**
 * The one unchecked exception of Basehook: a stable machine-readable {@code code}, a {@link Kind} that
 * adapters translate into their own vocabulary (HTTP status), and for invalid input the fields at fault.
 */
public class BasehookException extends RuntimeException {

    /** What kind of rejection this is; the REST adapter maps each kind to one HTTP status. */
    public enum Kind { INVALID, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT, LIMIT_EXCEEDED, UNAVAILABLE }

    private final Kind kind;
    private final String code;
    private final List<FieldError> errors;

    public BasehookException(Kind kind, String code, String message) {
        this(kind, code, message, List.of());
    }

    public BasehookException(Kind kind, String code, String message, List<FieldError> errors) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public static BasehookException invalid(String code, String field, String message) {
        return new BasehookException(Kind.INVALID, code, message, List.of(new FieldError(field, message)));
    }

    public static BasehookException notFound(String code, String message) {
        return new BasehookException(Kind.NOT_FOUND, code, message);
    }

    public static BasehookException conflict(String code, String field, String message) {
        return new BasehookException(Kind.CONFLICT, code, message, List.of(new FieldError(field, message)));
    }

    public static BasehookException limit(String code, String message) {
        return new BasehookException(Kind.LIMIT_EXCEEDED, code, message);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
