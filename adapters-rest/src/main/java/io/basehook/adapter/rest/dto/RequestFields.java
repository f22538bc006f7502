package io.basehook.adapter.rest.dto;

import io.basehook.domain.row.RowId;
import io.basehook.domain.shared.BasehookException;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks shared by the request records, so a missing field is a 400 naming it before any command is built. */
final class RequestFields {

    private RequestFields() {
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw BasehookException.invalid("missing_field", field, field + " is required");
        }
        return value;
    }

    /** A row id inside a body: malformed is the client's typo (400 naming the field), unlike in a path (404). */
    static RowId rowId(Object value, String field) {
        String id = string(required(value, field), field);
        try {
            return new RowId(id);
        } catch (BasehookException malformed) {
            throw BasehookException.invalid("invalid_row_id", field, field + " is not a row id");
        }
    }

    static String path(String prefix, String field) {
        return prefix.isEmpty() ? field : prefix + "." + field;
    }

    /** A body read by {@link ExactJson}, which must be a JSON object with no members but the named ones. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> jsonObject(byte[] body, Set<String> members) {
        Object parsed = ExactJson.parse(body == null ? new byte[0] : body);
        if (!(parsed instanceof Map<?, ?> object)) {
            throw ExactJson.malformed("the body must be a JSON object");
        }
        return only((Map<String, Object>) object, members, "");
    }

    /** An object that must hold no members but the named ones. */
    static Map<String, Object> only(Map<String, Object> object, Set<String> members, String prefix) {
        for (String key : object.keySet()) {
            if (!members.contains(key)) {
                throw unknown(path(prefix, key));
            }
        }
        return object;
    }

    /** A member the API does not have: refused, so a typo or a field of a later version is never silently dropped. */
    static BasehookException unknown(String field) {
        return BasehookException.invalid("unknown_field", field, field + " is not a field of this request");
    }

    /** A member that must be a JSON object, such as a row's values. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value, String field) {
        if (!(value instanceof Map<?, ?> object)) {
            throw BasehookException.invalid("invalid_field", field, field + " must be an object");
        }
        return (Map<String, Object>) object;
    }

    static List<?> array(Object value, String field) {
        if (!(value instanceof List<?> array)) {
            throw BasehookException.invalid("invalid_field", field, field + " must be an array");
        }
        return array;
    }

    /** A member that may be left out: absent or null stays null, anything else must be a string. */
    static String optionalString(Object value, String field) {
        return value == null ? null : string(value, field);
    }

    /** A member that may be left out, and otherwise must be a JSON boolean: not "true", not 1. */
    static Boolean optionalBoolean(Object value, String field) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Boolean flag)) {
            throw BasehookException.invalid("invalid_field", field, field + " must be true or false");
        }
        return flag;
    }

    static String string(Object value, String field) {
        if (!(value instanceof String text)) {
            throw BasehookException.invalid("invalid_field", field, field + " must be a string");
        }
        return text;
    }
}
