package io.basehook.adapter.rest.dto;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.basehook.domain.shared.BasehookException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON to plain Java (Map, List, String, Boolean, null, and numbers as Integer/Long/BigInteger or an exact
 * BigDecimal). Serde's own tree reads decimals as doubles, which would turn 0.1 into an approximation.
 * Strict: a duplicate key or a lone surrogate is refused with the path of the value at fault.
 */
public final class ExactJson {

    // no source excerpt in a location: an error message must never echo the body back in Jackson's format
    static final JsonFactory FACTORY = JsonFactory.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

    private ExactJson() {
    }

    /**
     * @throws BasehookException (invalid) when the text is not one strict JSON value, naming the field at fault
     */
    public static Object parse(String json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return parse(parser);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A body as it came: Jackson reads the UTF-8 itself, so a malformed byte sequence is refused rather than turned
     * into U+FFFD as a decode to String would, and no String copy of the body is made.
     */
    public static Object parse(byte[] json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return parse(parser);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object parse(JsonParser parser) throws IOException {
        try {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw malformed("the body holds no JSON value");
            }
            Object value;
            try {
                value = read(parser, first);
            } catch (Refused refused) {
                throw BasehookException.invalid(refused.code, refused.field(), refused.field() + " " + refused.reason);
            }
            if (parser.nextToken() != null) {
                throw malformed("the body holds more than one JSON value");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw malformed(describe(e));
        }
    }

    /** What is wrong with a body Jackson could not read, in Basehook's words and with where it went wrong. */
    public static String describe(JsonProcessingException e) {
        String reason;
        String said = String.valueOf(e.getOriginalMessage());
        if (e instanceof JsonEOFException) {
            reason = "the JSON ends before it is complete";
        } else if (e instanceof StreamConstraintsException) {
            reason = "the JSON is nested too deeply or holds a number or string that is too long";
        } else if (e instanceof InputCoercionException) {
            reason = "a number is out of range";
        } else if (said.contains("NaN") || said.contains("Infinity")) {
            reason = "NaN and Infinity are not JSON numbers";
        } else if (said.contains("UTF-8") || said.contains("UTF8") || said.contains("surrogate")) {
            reason = "the body is not valid UTF-8";
        } else if (said.contains("ontrol character")) {
            reason = "a control character inside a string must be escaped";
        } else if (said.contains("Unrecognized token")) {
            reason = "a word that is not JSON (strings need double quotes; true, false and null are lower case)";
        } else if (said.contains("Duplicate field")) {
            reason = "a key appears twice in one object";
        } else {
            reason = "unexpected character";
        }
        JsonLocation at = e.getLocation();
        return "malformed JSON: " + reason
                + (at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr());
    }

    /** The index of the first UTF-16 surrogate without its partner, or -1: such a string is not Unicode text. */
    static int loneSurrogateAt(String text) {
        for (int i = 0, length = text.length(); i < length; i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    static String loneSurrogateReason(String text, int at) {
        return String.format("holds invalid Unicode: a lone surrogate \\u%04x at character %d", (int) text.charAt(at), at);
    }

    static BasehookException malformed(String detail) {
        return new BasehookException(BasehookException.Kind.INVALID, "malformed_json", detail);
    }

    private static Object read(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int bad = loneSurrogateAt(key);
                    if (bad >= 0) {
                        throw new Refused("invalid_unicode", "has a key that " + loneSurrogateReason(key, bad));
                    }
                    int before = object.size();
                    try {
                        object.put(key, read(parser, parser.nextToken()));
                    } catch (Refused refused) {
                        throw refused.under(key);
                    }
                    // the size tells a repeated key without a second lookup: the row path reads many keys
                    if (object.size() == before) {
                        throw new Refused("duplicate_key", "appears more than once in its object").under(key);
                    }
                }
                yield object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    try {
                        array.add(read(parser, next));
                    } catch (Refused refused) {
                        throw refused.under(array.size());
                    }
                }
                yield array;
            }
            case VALUE_STRING -> {
                String text = parser.getText();
                int bad = loneSurrogateAt(text);
                if (bad >= 0) {
                    throw new Refused("invalid_unicode", loneSurrogateReason(text, bad));
                }
                yield text;
            }
            case VALUE_NUMBER_INT -> parser.getNumberValue();
            case VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw malformed("malformed JSON: unexpected input");
        };
    }

    /** A strict-reading refusal on its way out of the recursion, collecting the path as it unwinds (free when none). */
    private static final class Refused extends RuntimeException {

        private final String code;
        private final String reason;
        private final List<Object> steps = new ArrayList<>();

        Refused(String code, String reason) {
            super(reason, null, false, false);
            this.code = code;
            this.reason = reason;
        }

        Refused under(Object step) {
            steps.add(step);
            return this;
        }

        String field() {
            StringBuilder field = new StringBuilder();
            for (int i = steps.size() - 1; i >= 0; i--) {
                Object step = steps.get(i);
                if (step instanceof Integer index) {
                    field.append('[').append(index).append(']');
                } else {
                    field.append(field.isEmpty() ? "" : ".").append(step);
                }
            }
            return field.isEmpty() ? "body" : field.toString();
        }
    }
}
