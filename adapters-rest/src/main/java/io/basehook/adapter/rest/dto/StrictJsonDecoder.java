package io.basehook.adapter.rest.dto;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import io.basehook.domain.shared.BasehookException;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A serde {@link Decoder} that takes each JSON value only as the type asked for: serde's Jackson decoder would turn
 * {@code 123} or {@code ["a"]} into the string "a" and {@code "yes"} into true. It also refuses a repeated key and a
 * lone surrogate, and knows the path of the value it reads, so every refusal names the field as the client wrote it.
 */
final class StrictJsonDecoder implements Decoder {

    private final JsonParser parser;
    /** One frame per open object (its keys so far, the current key) or array (the current index). */
    private final List<Frame> frames = new ArrayList<>();
    private JsonToken peeked;
    private BasehookException refusal;
    /** A key was handed out and its value not yet asked for: serde failing now means it has no such property. */
    private boolean keyPending;

    StrictJsonDecoder(JsonParser parser) {
        this.parser = parser;
    }

    /** Hands over the token the caller already read, so the decoder starts at the body's first value. */
    void start(JsonToken first) {
        peeked = first;
    }

    /** Why reading stopped, if this decoder refused a value (serde may wrap the signal it threw). */
    BasehookException refusal() {
        return refusal;
    }

    /** Whether serde stopped at a key without asking for its value, as it does for a key it has no property for. */
    boolean stoppedAtKey() {
        return keyPending;
    }

    /** Where reading stood, for a refusal that serde itself raised. */
    String field() {
        StringBuilder field = new StringBuilder();
        for (Frame frame : frames) {
            if (frame.keys == null) {
                field.append('[').append(Math.max(frame.index, 0)).append(']');
            } else if (frame.key != null) {
                field.append(field.isEmpty() ? "" : ".").append(frame.key);
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    @Override
    public Decoder decodeArray(Argument<?> type) throws IOException {
        expect(JsonToken.START_ARRAY, "an array");
        frames.add(new Frame(null));
        return this;
    }

    @Override
    public boolean hasNextArrayValue() throws IOException {
        return peek() != JsonToken.END_ARRAY;
    }

    @Override
    public Decoder decodeObject(Argument<?> type) throws IOException {
        expect(JsonToken.START_OBJECT, "an object");
        frames.add(new Frame(new HashSet<>()));
        return this;
    }

    @Override
    public String decodeKey() throws IOException {
        JsonToken token = peek();
        if (token != JsonToken.FIELD_NAME) {
            return null;
        }
        next();
        Frame frame = frames.get(frames.size() - 1);
        String key = parser.currentName();
        int bad = ExactJson.loneSurrogateAt(key);
        if (bad >= 0) {
            frame.key = null;
            throw refuse("invalid_unicode", field(), "has a key that " + ExactJson.loneSurrogateReason(key, bad));
        }
        frame.key = key;
        if (!frame.keys.add(key)) {
            throw refuse("duplicate_key", field(), "appears more than once in its object");
        }
        keyPending = true;
        return key;
    }

    @Override
    public String decodeString() throws IOException {
        expect(JsonToken.VALUE_STRING, "a string");
        String text = parser.getText();
        int bad = ExactJson.loneSurrogateAt(text);
        if (bad >= 0) {
            throw refuse("invalid_unicode", field(), ExactJson.loneSurrogateReason(text, bad));
        }
        return text;
    }

    @Override
    public boolean decodeBoolean() throws IOException {
        JsonToken token = next();
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return token == JsonToken.VALUE_TRUE;
        }
        throw wrongType("true or false", token);
    }

    @Override
    public byte decodeByte() throws IOException {
        long value = decodeLong();
        if (value != (byte) value) {
            throw refuse("invalid_field", field(), "is out of range");
        }
        return (byte) value;
    }

    @Override
    public short decodeShort() throws IOException {
        long value = decodeLong();
        if (value != (short) value) {
            throw refuse("invalid_field", field(), "is out of range");
        }
        return (short) value;
    }

    @Override
    public char decodeChar() throws IOException {
        String text = decodeString();
        if (text.length() != 1) {
            throw refuse("invalid_field", field(), "must be a single character");
        }
        return text.charAt(0);
    }

    @Override
    public int decodeInt() throws IOException {
        expect(JsonToken.VALUE_NUMBER_INT, "a whole number");
        try {
            return parser.getIntValue();
        } catch (InputCoercionException outOfRange) {
            throw refuse("invalid_field", field(), "is out of range");
        }
    }

    @Override
    public long decodeLong() throws IOException {
        expect(JsonToken.VALUE_NUMBER_INT, "a whole number");
        try {
            return parser.getLongValue();
        } catch (InputCoercionException outOfRange) {
            throw refuse("invalid_field", field(), "is out of range");
        }
    }

    @Override
    public float decodeFloat() throws IOException {
        return (float) decodeDouble();
    }

    @Override
    public double decodeDouble() throws IOException {
        number();
        return parser.getDoubleValue();
    }

    @Override
    public BigInteger decodeBigInteger() throws IOException {
        expect(JsonToken.VALUE_NUMBER_INT, "a whole number");
        return parser.getBigIntegerValue();
    }

    @Override
    public BigDecimal decodeBigDecimal() throws IOException {
        number();
        return parser.getDecimalValue();
    }

    @Override
    public Number decodeNumber() throws IOException {
        return number() == JsonToken.VALUE_NUMBER_INT ? parser.getNumberValue() : parser.getDecimalValue();
    }

    /** A null member means "not given"; a null item of a typed array means nothing and is refused. */
    @Override
    public boolean decodeNull() throws IOException {
        if (peek() != JsonToken.VALUE_NULL) {
            return false;
        }
        next();
        if (!frames.isEmpty() && frames.get(frames.size() - 1).keys == null) {
            throw refuse("invalid_field", field(), "must not be null");
        }
        return true;
    }

    /** Any value, exactly: decimals as BigDecimal, a null member kept, as {@link ExactJson} reads rows. */
    @Override
    public Object decodeArbitrary() throws IOException {
        JsonToken token = peek();
        switch (token) {
            case START_OBJECT -> {
                decodeObject(Argument.OBJECT_ARGUMENT);
                Map<String, Object> object = new LinkedHashMap<>();
                for (String key = decodeKey(); key != null; key = decodeKey()) {
                    object.put(key, decodeArbitrary());
                }
                finishStructure();
                return object;
            }
            case START_ARRAY -> {
                decodeArray(Argument.OBJECT_ARGUMENT);
                List<Object> array = new ArrayList<>();
                while (hasNextArrayValue()) {
                    array.add(decodeArbitrary());
                }
                finishStructure();
                return array;
            }
            case VALUE_STRING -> {
                return decodeString();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return decodeNumber();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return decodeBoolean();
            }
            case VALUE_NULL -> {
                next();
                return null;
            }
            default -> throw wrongType("a JSON value", next());
        }
    }

    @Override
    public JsonNode decodeNode() throws IOException {
        return JsonNode.from(decodeArbitrary());
    }

    @Override
    public Decoder decodeBuffer() throws IOException {
        // only subtype or unwrapped mappings buffer a value; no request body has one
        throw refuse("invalid_field", field(), "cannot be read");
    }

    @Override
    public void skipValue() throws IOException {
        decodeArbitrary();
    }

    @Override
    public void finishStructure(boolean consumeLeftElements) throws IOException {
        JsonToken token = peek();
        while (token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
            if (!consumeLeftElements) {
                throw new IllegalStateException("not all members were read");
            }
            if (token == JsonToken.FIELD_NAME) {
                decodeKey();
            }
            skipValue();
            token = peek();
        }
        next();
        frames.remove(frames.size() - 1);
    }

    @Override
    public IOException createDeserializationException(String message, Object invalidValue) {
        // serde's wording names Java types; the client gets the field and Basehook's words
        return refuse("invalid_field", field(), "has a value that is not allowed here");
    }

    private JsonToken peek() throws IOException {
        if (peeked == null) {
            peeked = parser.nextToken();
            if (peeked == null) {
                throw new IOException("the body ended inside a value");
            }
        }
        return peeked;
    }

    /** The next token; a value's first token moves its array's index on, so a refusal names the right element. */
    private JsonToken next() throws IOException {
        JsonToken token = peek();
        peeked = null;
        keyPending = false;
        if (token != JsonToken.FIELD_NAME && token != JsonToken.END_ARRAY && token != JsonToken.END_OBJECT
                && !frames.isEmpty()) {
            Frame frame = frames.get(frames.size() - 1);
            if (frame.keys == null) {
                frame.index++;
            }
        }
        return token;
    }

    private void expect(JsonToken wanted, String what) throws IOException {
        JsonToken token = next();
        if (token != wanted) {
            throw wrongType(what, token);
        }
    }

    private JsonToken number() throws IOException {
        JsonToken token = next();
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw wrongType("a number", token);
        }
        return token;
    }

    private Refused wrongType(String what, JsonToken token) {
        return refuse("invalid_field", field(), "must be " + what + ", not " + describe(token));
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "the end of an object or array";
        };
    }

    private Refused refuse(String code, String field, String reason) {
        if (refusal == null) {
            refusal = BasehookException.invalid(code, field, field + " " + reason);
        }
        return new Refused();
    }

    /** Carries a refusal through serde, which declares IOException; the reader reports {@link #refusal()} instead. */
    private static final class Refused extends IOException {
        Refused() {
            super("refused", null);
        }
    }

    private static final class Frame {
        private final Set<String> keys;
        private String key;
        private int index = -1;

        private Frame(Set<String> keys) {
            this.keys = keys;
        }
    }
}
